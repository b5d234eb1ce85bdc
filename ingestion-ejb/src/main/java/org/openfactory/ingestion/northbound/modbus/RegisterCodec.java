package org.openfactory.ingestion.northbound.modbus;

import java.nio.ByteBuffer;

import org.openfactory.registry.asset.ModbusSource.DataType;
import org.openfactory.registry.asset.ModbusSource.Order;

/**
 * Turns 16-bit Modbus registers into raw numbers and back, for every register data type and both byte orders
 * (within a register) and word orders (of the registers of a 32/64-bit value). Pure: no I/O, no scaling.
 *
 * <p>Registers are ints 0..65535 as they travel; integer types decode to a {@link Long}, floats to a
 * {@link Double}. {@code BIG_ENDIAN} word order means the first register holds the most significant word.
 */
public final class RegisterCodec {

    private RegisterCodec() {
    }

    /**
     * Decodes the {@code type.registers()} registers at {@code words[from]}.
     *
     * @return a Long for INT16, UINT16, INT32, UINT32; a Double for FLOAT32, FLOAT64
     */
    public static Number decode(int[] words, int from, DataType type, Order byteOrder, Order wordOrder) {
        requireRegisterType(type);
        int count = type.registers();
        if (from < 0 || from + count > words.length) {
            throw new IllegalArgumentException(type + " at " + from + " needs " + count + " registers, "
                    + words.length + " were read");
        }
        var bytes = ByteBuffer.allocate(count * 2);
        for (int i = 0; i < count; i++) {
            int word = words[from + (wordOrder == Order.BIG_ENDIAN ? i : count - 1 - i)];
            putWord(bytes, word, byteOrder);
        }
        bytes.flip();
        return switch (type) {
            case INT16 -> (long) bytes.getShort();
            case UINT16 -> (long) Short.toUnsignedInt(bytes.getShort());
            case INT32 -> (long) bytes.getInt();
            case UINT32 -> Integer.toUnsignedLong(bytes.getInt());
            case FLOAT32 -> (double) bytes.getFloat();
            case FLOAT64 -> bytes.getDouble();
            case BOOL -> throw new IllegalStateException("unreachable");
        };
    }

    /**
     * Encodes a raw value into {@code type.registers()} registers.
     *
     * @param raw an integral value within {@link #minRaw}..{@link #maxRaw} for integer types; any finite value that
     *            fits the float type for FLOAT32/FLOAT64
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public static int[] encode(Number raw, DataType type, Order byteOrder, Order wordOrder) {
        requireRegisterType(type);
        int count = type.registers();
        var bytes = ByteBuffer.allocate(count * 2);
        switch (type) {
            case INT16, UINT16 -> bytes.putShort((short) checkedInteger(raw, type));
            case INT32, UINT32 -> bytes.putInt((int) checkedInteger(raw, type));
            case FLOAT32 -> bytes.putFloat(checkedFloat(raw));
            case FLOAT64 -> bytes.putDouble(checkedDouble(raw, type));
            case BOOL -> throw new IllegalStateException("unreachable");
        }
        bytes.flip();
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            int word = takeWord(bytes, byteOrder);
            words[wordOrder == Order.BIG_ENDIAN ? i : count - 1 - i] = word;
        }
        return words;
    }

    /** The smallest raw value of an integer type; for floats their most negative finite value. */
    public static double minRaw(DataType type) {
        return switch (type) {
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case UINT16, UINT32, BOOL -> 0;
            case FLOAT32 -> -Float.MAX_VALUE;
            case FLOAT64 -> -Double.MAX_VALUE;
        };
    }

    /** The largest raw value of a type. */
    public static double maxRaw(DataType type) {
        return switch (type) {
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 0xFFFF;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xFFFF_FFFFL;
            case BOOL -> 1;
            case FLOAT32 -> Float.MAX_VALUE;
            case FLOAT64 -> Double.MAX_VALUE;
        };
    }

    public static boolean isInteger(DataType type) {
        return type == DataType.INT16 || type == DataType.UINT16 || type == DataType.INT32 || type == DataType.UINT32;
    }

    private static void putWord(ByteBuffer bytes, int word, Order byteOrder) {
        byte high = (byte) (word >>> 8);
        byte low = (byte) word;
        bytes.put(byteOrder == Order.BIG_ENDIAN ? high : low);
        bytes.put(byteOrder == Order.BIG_ENDIAN ? low : high);
    }

    private static int takeWord(ByteBuffer bytes, Order byteOrder) {
        int first = bytes.get() & 0xFF;
        int second = bytes.get() & 0xFF;
        return byteOrder == Order.BIG_ENDIAN ? first << 8 | second : second << 8 | first;
    }

    private static long checkedInteger(Number raw, DataType type) {
        if (!(raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte)) {
            throw new IllegalArgumentException(type + " takes an integral raw value, not " + raw);
        }
        long value = raw.longValue();
        if (value < minRaw(type) || value > maxRaw(type)) {
            throw new IllegalArgumentException(value + " does not fit " + type + " (" + (long) minRaw(type) + ".."
                    + (long) maxRaw(type) + ")");
        }
        return value;
    }

    private static float checkedFloat(Number raw) {
        double value = checkedDouble(raw, DataType.FLOAT32);
        if (Math.abs(value) > Float.MAX_VALUE) {
            throw new IllegalArgumentException(value + " does not fit FLOAT32");
        }
        return (float) value;
    }

    private static double checkedDouble(Number raw, DataType type) {
        double value = raw.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(type + " takes a finite value, not " + value);
        }
        return value;
    }

    private static void requireRegisterType(DataType type) {
        if (type == DataType.BOOL) {
            throw new IllegalArgumentException("BOOL is a single bit (coil or discrete input), not a register type");
        }
    }
}
