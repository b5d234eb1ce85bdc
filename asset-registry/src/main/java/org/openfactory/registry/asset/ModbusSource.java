package org.openfactory.registry.asset;

import java.util.Objects;

/**
 * A Modbus address and how its registers decode to a value: {@code value = raw * scale + offset}.
 *
 * @param address   zero-based address in {@code table}, 0..65535
 * @param byteOrder order of the two bytes in each register
 * @param wordOrder order of the registers of a 32/64-bit value
 */
public record ModbusSource(Table table, int address, DataType dataType, Order byteOrder, Order wordOrder,
                           double scale, double offset) implements DataItemSource {

    public ModbusSource {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(byteOrder, "byteOrder");
        Objects.requireNonNull(wordOrder, "wordOrder");
        if (address < 0 || address > 65535) {
            throw new IllegalArgumentException("address " + address + " is not in 0..65535");
        }
    }

    /** A big-endian, unscaled mapping. */
    public static ModbusSource of(Table table, int address, DataType dataType) {
        return new ModbusSource(table, address, dataType, Order.BIG_ENDIAN, Order.BIG_ENDIAN, 1.0, 0.0);
    }

    @Override
    public String connectorType() {
        return ConnectorBinding.MODBUS;
    }

    /** The four Modbus data tables. */
    public enum Table {
        COIL(true, true), DISCRETE_INPUT(true, false), HOLDING_REGISTER(false, true), INPUT_REGISTER(false, false);

        private final boolean bits;
        private final boolean writable;

        Table(boolean bits, boolean writable) {
            this.bits = bits;
            this.writable = writable;
        }

        /** Coils and discrete inputs hold single bits. */
        public boolean holdsBits() {
            return bits;
        }

        /** Only coils and holding registers can be written. */
        public boolean isWritable() {
            return writable;
        }
    }

    /** How registers decode; {@link #registers()} is how many 16-bit registers one value spans. */
    public enum DataType {
        BOOL(1), INT16(1), UINT16(1), INT32(2), UINT32(2), FLOAT32(2), FLOAT64(4);

        private final int registers;

        DataType(int registers) {
            this.registers = registers;
        }

        public int registers() {
            return registers;
        }
    }

    public enum Order {
        BIG_ENDIAN, LITTLE_ENDIAN
    }
}
