package org.openfactory.ingestion.northbound.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

class VariantConverterTest {

    @Test
    void doubleFromAnyNumericType() throws Exception {
        assertEquals(new Value.Number(21.5), convert(21.5, ValueType.DOUBLE));
        assertEquals(new Value.Number(1.5), convert(1.5f, ValueType.DOUBLE));
        assertEquals(new Value.Number(-7), convert(-7, ValueType.DOUBLE));
        assertEquals(new Value.Number(3), convert((short) 3, ValueType.DOUBLE));
        assertEquals(new Value.Number(200), convert(ubyte(200), ValueType.DOUBLE));
        assertEquals(new Value.Number(4_000_000_000.0), convert(uint(4_000_000_000L), ValueType.DOUBLE));
        assertEquals(new Value.Number(18446744073709551615.0), convert(ulong(new BigInteger("18446744073709551615")),
                ValueType.DOUBLE));
    }

    @Test
    void integerFromIntegralTypesOnly() throws Exception {
        assertEquals(new Value.Integer(42), convert(42, ValueType.INTEGER));
        assertEquals(new Value.Integer(-42L), convert(-42L, ValueType.INTEGER));
        assertEquals(new Value.Integer(65535), convert(ushort(65535), ValueType.INTEGER));
        assertEquals(new Value.Integer(4_000_000_000L), convert(uint(4_000_000_000L), ValueType.INTEGER));
        assertEquals(new Value.Integer(Long.MAX_VALUE), convert(ulong(Long.MAX_VALUE), ValueType.INTEGER));

        assertThrows(UnconvertibleValueException.class,
                () -> convert(ulong(new BigInteger("9223372036854775808")), ValueType.INTEGER));
        assertThrows(UnconvertibleValueException.class, () -> convert(2.5, ValueType.INTEGER));
        assertThrows(UnconvertibleValueException.class, () -> convert(true, ValueType.INTEGER));
    }

    @Test
    void stringFromAnything() throws Exception {
        assertEquals(new Value.Text("AUTO"), convert("AUTO", ValueType.STRING));
        assertEquals(new Value.Text("60.0"), convert(60.0, ValueType.STRING));
        assertEquals(new Value.Text("true"), convert(true, ValueType.STRING));
        assertEquals(new Value.Text("Heating"), convert(LocalizedText.english("Heating"), ValueType.STRING));
        assertEquals(new Value.Text("[1, 2]"), convert(new int[] {1, 2}, ValueType.STRING));
    }

    @Test
    void booleanFromBooleanOnly() throws Exception {
        assertEquals(new Value.Bool(true), convert(true, ValueType.BOOLEAN));
        assertThrows(UnconvertibleValueException.class, () -> convert(1, ValueType.BOOLEAN));
        assertThrows(UnconvertibleValueException.class, () -> convert("true", ValueType.BOOLEAN));
    }

    @Test
    void mismatchNamesTheValueAndTheDeclaredType() {
        var e = assertThrows(UnconvertibleValueException.class, () -> convert("AUTO", ValueType.DOUBLE));
        assertEquals("AUTO", e.value());
        assertEquals(ValueType.DOUBLE, e.declaredType());
        assertEquals("not numeric: \"AUTO\" (String) as DOUBLE", e.getMessage());
    }

    @Test
    void badQualityOrNoValueIsUnavailable() throws Exception {
        var bad = new DataValue(new Variant(21.5), new StatusCode(StatusCodes.Bad_CommunicationError));
        assertSame(Value.UNAVAILABLE, VariantConverter.convert(bad, ValueType.DOUBLE));
        assertSame(Value.UNAVAILABLE, VariantConverter.convert(new DataValue(Variant.NULL_VALUE), ValueType.DOUBLE));
        assertSame(Value.UNAVAILABLE, VariantConverter.convert((DataValue) null, ValueType.STRING));
        // a bad value of the wrong type is still just unavailable, not a mismatch
        var badText = new DataValue(new Variant("n/a"), new StatusCode(StatusCodes.Bad_NoCommunication));
        assertSame(Value.UNAVAILABLE, VariantConverter.convert(badText, ValueType.DOUBLE));
    }

    @Test
    void uncertainQualityKeepsTheValue() throws Exception {
        var uncertain = new DataValue(new Variant(21.5), new StatusCode(StatusCodes.Uncertain_LastUsableValue));
        assertEquals(new Value.Number(21.5), VariantConverter.convert(uncertain, ValueType.DOUBLE));
    }

    @Test
    void conditionsCannotBeReadFromPlainValues() {
        assertThrows(UnconvertibleValueException.class, () -> convert("FAULT", ValueType.CONDITION));
    }

    private static Value convert(Object value, ValueType type) throws UnconvertibleValueException {
        return VariantConverter.convert(new DataValue(new Variant(value)), type);
    }
}
