package org.openfactory.ingestion.southbound.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;

class ArgumentConverterTest {

    @Test
    void numbersBecomeTheTargetBuiltinType() throws Exception {
        assertEquals(new Variant(72.5), to(new Value.Number(72.5), OpcUaDataType.Double));
        assertEquals(new Variant(72.5f), to(new Value.Number(72.5), OpcUaDataType.Float));
        assertEquals(new Variant((short) -7), to(new Value.Number(-7.0), OpcUaDataType.Int16));
        assertEquals(new Variant(40_000), to(new Value.Number(40_000.0), OpcUaDataType.Int32));
        assertEquals(new Variant(ushort(65_535)), to(new Value.Number(65_535.0), OpcUaDataType.UInt16));
        assertEquals(new Variant(uint(4_000_000_000L)), to(new Value.Number(4e9), OpcUaDataType.UInt32));
        assertEquals(new Variant(-9_000_000_000L), to(new Value.Number(-9e9), OpcUaDataType.Int64));
        assertEquals(new Variant(72.5), to(new Value.Number(72.5), OpcUaDataType.Variant), "abstract: as is");
    }

    @Test
    void integersBecomeTheTargetBuiltinType() throws Exception {
        assertEquals(new Variant(70.0), to(new Value.Integer(70), OpcUaDataType.Double));
        assertEquals(new Variant(70.0f), to(new Value.Integer(70), OpcUaDataType.Float));
        assertEquals(new Variant((byte) -128), to(new Value.Integer(-128), OpcUaDataType.SByte));
        assertEquals(new Variant(ubyte(255)), to(new Value.Integer(255), OpcUaDataType.Byte));
        assertEquals(new Variant((short) 32_767), to(new Value.Integer(32_767), OpcUaDataType.Int16));
        assertEquals(new Variant(ushort(0)), to(new Value.Integer(0), OpcUaDataType.UInt16));
        assertEquals(new Variant(Integer.MIN_VALUE), to(new Value.Integer(Integer.MIN_VALUE), OpcUaDataType.Int32));
        assertEquals(new Variant(uint(0xFFFF_FFFFL)), to(new Value.Integer(0xFFFF_FFFFL), OpcUaDataType.UInt32));
        assertEquals(new Variant(Long.MAX_VALUE), to(new Value.Integer(Long.MAX_VALUE), OpcUaDataType.Int64));
        assertEquals(new Variant(ulong(5)), to(new Value.Integer(5), OpcUaDataType.UInt64));
    }

    @Test
    void booleansAndTextGoOnlyToTheirOwnTypes() throws Exception {
        assertEquals(new Variant(true), to(new Value.Bool(true), OpcUaDataType.Boolean));
        assertEquals(new Variant("MANUAL"), to(new Value.Text("MANUAL"), OpcUaDataType.String));
        assertEquals(new Variant(LocalizedText.english("hi")), to(new Value.Text("hi"), OpcUaDataType.LocalizedText));
        assertMismatch(new Value.Bool(true), OpcUaDataType.Int32, "cannot be sent as Int32");
        assertMismatch(new Value.Text("12"), OpcUaDataType.Double, "cannot be sent as Double");
        assertMismatch(new Value.Number(1.0), OpcUaDataType.Boolean, "numbers cannot be sent as Boolean");
        assertMismatch(new Value.Number(1.0), OpcUaDataType.String, "numbers cannot be sent as String");
    }

    @Test
    void valuesThatDoNotFitAreRejectedNotRoundedOrClamped() {
        assertMismatch(new Value.Number(1.5), OpcUaDataType.Int32, "not a whole number");
        assertMismatch(new Value.Number(40_000.0), OpcUaDataType.Int16, "out of range of Int16");
        assertMismatch(new Value.Integer(-1), OpcUaDataType.UInt16, "out of range of UInt16");
        assertMismatch(new Value.Integer(1L << 32), OpcUaDataType.UInt32, "out of range of UInt32");
        assertMismatch(new Value.Integer(-1), OpcUaDataType.UInt64, "out of range of UInt64");
        assertMismatch(new Value.Integer(256), OpcUaDataType.Byte, "out of range of Byte");
        assertMismatch(new Value.Number(1e40), OpcUaDataType.Float, "out of range of Float");
        assertMismatch(new Value.Number(1e19), OpcUaDataType.Int64, "out of range of Int64");
        assertMismatch(new Value.Number(Double.NaN), OpcUaDataType.Double, "not a finite number");
        assertMismatch(new Value.Integer((1L << 53) + 1), OpcUaDataType.Double, "not exactly representable");
        assertMismatch(new Value.Integer((1L << 24) + 1), OpcUaDataType.Float, "not exactly representable");
        assertMismatch(new Value.Condition(ConditionLevel.FAULT, null, null), OpcUaDataType.String,
                "CONDITION values cannot be sent");
        assertMismatch(new Value.Number(1.0), OpcUaDataType.DateTime, "numbers cannot be sent as DateTime");
    }

    @Test
    void outputsAreReadByTheirOwnType() {
        assertEquals(new Value.Text("AUTO"), ArgumentConverter.toValue(new Variant("AUTO")));
        assertEquals(new Value.Number(1.5), ArgumentConverter.toValue(new Variant(1.5f)));
        assertEquals(new Value.Integer(7), ArgumentConverter.toValue(new Variant(uint(7))));
        assertEquals(new Value.Integer(-3), ArgumentConverter.toValue(new Variant((short) -3)));
        assertEquals(new Value.Bool(false), ArgumentConverter.toValue(new Variant(false)));
        assertEquals(new Value.Text("18446744073709551615"),
                ArgumentConverter.toValue(new Variant(ulong(new java.math.BigInteger("18446744073709551615")))));
        assertEquals(new Value.Text("hello"), ArgumentConverter.toValue(new Variant(LocalizedText.english("hello"))));
        assertEquals(Value.UNAVAILABLE, ArgumentConverter.toValue(Variant.NULL_VALUE));
    }

    @Test
    void statusCodesAreNamedAsOpcUaNamesThem() {
        assertEquals("BadNotWritable (0x803B0000)", StatusNames.describe(
                org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_NotWritable));
        assertEquals("BadInvalidArgument (0x80AB0000)", StatusNames.describe(
                org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_InvalidArgument));
    }

    private static Variant to(Value value, OpcUaDataType type) throws ArgumentMismatchException {
        return ArgumentConverter.toVariant(value, type);
    }

    private static void assertMismatch(Value value, OpcUaDataType type, String reason) {
        String message = assertThrows(ArgumentMismatchException.class, () -> to(value, type)).getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(message.contains(reason), message);
    }
}
