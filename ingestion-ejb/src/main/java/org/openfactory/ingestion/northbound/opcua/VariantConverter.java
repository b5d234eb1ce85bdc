package org.openfactory.ingestion.northbound.opcua;

import java.math.BigInteger;
import java.util.Arrays;

import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/**
 * Turns OPC UA values into our typed {@link Value}, as the data item's declared {@link ValueType} says. Strict: a
 * value of the wrong kind is rejected rather than guessed at, so asset-file mistakes surface in the logs.
 */
public final class VariantConverter {

    private VariantConverter() {
    }

    /** Bad quality or no value at all becomes {@link Value#UNAVAILABLE}; uncertain quality keeps its value. */
    public static Value convert(DataValue dataValue, ValueType declared) throws UnconvertibleValueException {
        StatusCode status = dataValue == null ? null : dataValue.statusCode();
        if (dataValue == null || (status != null && status.isBad())) {
            return Value.UNAVAILABLE;
        }
        return convert(dataValue.value(), declared);
    }

    public static Value convert(Variant variant, ValueType declared) throws UnconvertibleValueException {
        Object value = variant == null ? null : variant.value();
        if (value == null) {
            return Value.UNAVAILABLE;
        }
        return switch (declared) {
            case DOUBLE -> new Value.Number(toDouble(value, declared));
            case INTEGER -> new Value.Integer(toLong(value, declared));
            case STRING -> new Value.Text(toText(value));
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield new Value.Bool(b);
                }
                throw new UnconvertibleValueException(value, declared, "not a Boolean");
            }
            case CONDITION, UNAVAILABLE ->
                    throw new UnconvertibleValueException(value, declared, "OPC UA values cannot be read as");
        };
    }

    private static double toDouble(Object value, ValueType declared) throws UnconvertibleValueException {
        if (value instanceof ULong u) {
            return u.toBigInteger().doubleValue();
        }
        if (value instanceof Number n) { // Java signed types and Milo's UByte/UShort/UInteger
            return n.doubleValue();
        }
        throw new UnconvertibleValueException(value, declared, "not numeric");
    }

    private static long toLong(Object value, ValueType declared) throws UnconvertibleValueException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof UByte || value instanceof UShort || value instanceof UInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof ULong u) {
            BigInteger big = u.toBigInteger();
            if (big.bitLength() < Long.SIZE) {
                return big.longValue();
            }
            throw new UnconvertibleValueException(value, declared, "out of range");
        }
        throw new UnconvertibleValueException(value, declared, "not an integral number");
    }

    private static String toText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof LocalizedText t) {
            return t.text() == null ? "" : t.text();
        }
        if (value instanceof QualifiedName q) {
            return q.name() == null ? "" : q.name();
        }
        if (value instanceof DateTime d) {
            return d.getJavaInstant().toString();
        }
        if (value.getClass().isArray()) {
            String wrapped = Arrays.deepToString(new Object[] {value}); // handles primitive and nested arrays
            return wrapped.substring(1, wrapped.length() - 1);
        }
        return String.valueOf(value);
    }
}
