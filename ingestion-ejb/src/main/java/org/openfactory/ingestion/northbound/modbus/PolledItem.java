package org.openfactory.ingestion.northbound.modbus;

import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.ModbusSource;

/** A data item of an asset and the Modbus address it is read from. */
record PolledItem(DataItemDefinition item, ModbusSource source) {

    String id() {
        return item.id();
    }

    ModbusSource.Table table() {
        return source.table();
    }

    int address() {
        return source.address();
    }

    /** How many bits (coils, discrete inputs) or registers it occupies. */
    int width() {
        return source.table().holdsBits() ? 1 : source.dataType().registers();
    }

    /** One past its last address. */
    int end() {
        return address() + width();
    }
}
