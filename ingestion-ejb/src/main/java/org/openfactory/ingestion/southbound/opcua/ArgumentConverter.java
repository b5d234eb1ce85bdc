package org.openfactory.ingestion.southbound.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.openfactory.ingestion.northbound.opcua.UnconvertibleValueException;
import org.openfactory.ingestion.northbound.opcua.VariantConverter;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/**
 * Our values to OPC UA built-in types and back. Strict and exact: a value is sent only if the target type holds it
 * exactly (a whole number for integer types, within range; an integer as Double/Float only where they represent it
 * exactly); BOOLEAN only as Boolean and STRING only as String/LocalizedText. Nothing is parsed or rounded.
 */
final class ArgumentConverter {

    /** Integers up to 2^53 (Double) and 2^24 (Float) have an exact floating point representation. */
    private static final long DOUBLE_EXACT = 1L << 53;
    private static final long FLOAT_EXACT = 1L << 24;
    private static final double TWO_POW_63 = 0x1p63;

    private ArgumentConverter() {
    }

    /**
     * @param target the built-in type of the node or argument; {@link OpcUaDataType#Variant} (BaseDataType or an
     *               abstract type such as Number) takes the value's own type
     */
    static Variant toVariant(Value value, OpcUaDataType target) throws ArgumentMismatchException {
        if (value instanceof Value.Bool b) {
            if (target == OpcUaDataType.Boolean || target == OpcUaDataType.Variant) {
                return new Variant(b.value());
            }
        } else if (value instanceof Value.Text t) {
            if (target == OpcUaDataType.String || target == OpcUaDataType.Variant) {
                return new Variant(t.value());
            }
            if (target == OpcUaDataType.LocalizedText) {
                return new Variant(LocalizedText.english(t.value()));
            }
        } else if (value instanceof Value.Number n) {
            return fromDouble(n.value(), target);
        } else if (value instanceof Value.Integer i) {
            return fromLong(i.value(), target);
        } else {
            throw new ArgumentMismatchException(value.type() + " values cannot be sent to a device");
        }
        throw new ArgumentMismatchException("a " + value.type() + " value cannot be sent as " + target);
    }

    /** A device's output value as ours, by its own OPC UA type: Boolean, Double/Float, integers, else text. */
    static Value toValue(Variant variant) {
        Object value = variant == null ? null : variant.value();
        ValueType type;
        if (value instanceof Boolean) {
            type = ValueType.BOOLEAN;
        } else if (value instanceof Double || value instanceof Float) {
            type = ValueType.DOUBLE;
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer
                || value instanceof Long || value instanceof UByte || value instanceof UShort
                || value instanceof UInteger || value instanceof org.eclipse.milo.opcua.stack.core.types.builtin
                .unsigned.ULong) {
            type = ValueType.INTEGER;
        } else {
            type = ValueType.STRING;
        }
        try {
            return VariantConverter.convert(variant, type);
        } catch (UnconvertibleValueException e) {
            try {
                return VariantConverter.convert(variant, ValueType.STRING); // a UInt64 beyond Long.MAX_VALUE
            } catch (UnconvertibleValueException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static Variant fromDouble(double d, OpcUaDataType target) throws ArgumentMismatchException {
        if (!Double.isFinite(d)) {
            throw new ArgumentMismatchException("not a finite number");
        }
        switch (target) {
            case Double, Variant:
                return new Variant(d);
            case Float:
                if (Math.abs(d) > Float.MAX_VALUE) {
                    throw new ArgumentMismatchException("out of range of Float");
                }
                return new Variant((float) d);
            default:
                if (!isInteger(target)) {
                    throw unsupported(target);
                }
                if (d != Math.rint(d)) {
                    throw new ArgumentMismatchException("not a whole number, " + target + " holds whole numbers");
                }
                if (d >= TWO_POW_63 || d < -TWO_POW_63) {
                    throw outOfRange(target);
                }
                return fromLong((long) d, target);
        }
    }

    private static Variant fromLong(long l, OpcUaDataType target) throws ArgumentMismatchException {
        switch (target) {
            case Double:
                if (Math.abs(l) > DOUBLE_EXACT) {
                    throw new ArgumentMismatchException("not exactly representable as Double");
                }
                return new Variant((double) l);
            case Float:
                if (Math.abs(l) > FLOAT_EXACT) {
                    throw new ArgumentMismatchException("not exactly representable as Float");
                }
                return new Variant((float) l);
            case SByte:
                return new Variant((byte) inRange(l, Byte.MIN_VALUE, Byte.MAX_VALUE, target));
            case Byte:
                return new Variant(ubyte(inRange(l, 0, 0xFF, target)));
            case Int16:
                return new Variant((short) inRange(l, Short.MIN_VALUE, Short.MAX_VALUE, target));
            case UInt16:
                return new Variant(ushort((int) inRange(l, 0, 0xFFFF, target)));
            case Int32:
                return new Variant((int) inRange(l, Integer.MIN_VALUE, Integer.MAX_VALUE, target));
            case UInt32:
                return new Variant(uint(inRange(l, 0, 0xFFFF_FFFFL, target)));
            case Int64, Variant:
                return new Variant(l);
            case UInt64:
                return new Variant(ulong(inRange(l, 0, Long.MAX_VALUE, target)));
            default:
                throw unsupported(target);
        }
    }

    private static boolean isInteger(OpcUaDataType type) {
        return switch (type) {
            case SByte, Byte, Int16, UInt16, Int32, UInt32, Int64, UInt64 -> true;
            default -> false;
        };
    }

    private static long inRange(long l, long min, long max, OpcUaDataType target) throws ArgumentMismatchException {
        if (l < min || l > max) {
            throw outOfRange(target);
        }
        return l;
    }

    private static ArgumentMismatchException outOfRange(OpcUaDataType target) {
        return new ArgumentMismatchException("out of range of " + target);
    }

    private static ArgumentMismatchException unsupported(OpcUaDataType target) {
        return new ArgumentMismatchException("numbers cannot be sent as " + target);
    }
}
