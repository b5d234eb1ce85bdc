package org.openfactory.ingestion.northbound.modbus;

import java.util.List;

import org.openfactory.registry.asset.ModbusSource.Table;

/**
 * One read request: {@code count} bits or registers of one table from {@code start}, and the items decoded from them.
 * Addresses in the gaps between items are read but not used.
 */
record ReadBlock(Table table, int start, int count, List<PolledItem> items) {

    ReadBlock {
        items = List.copyOf(items);
        if (count < 1 || count > ReadPlan.maxCount(table)) {
            throw new IllegalArgumentException(count + " is not in 1.." + ReadPlan.maxCount(table) + " for " + table);
        }
    }

    /** For logs: {@code INPUT_REGISTER 0..4}. */
    String describe() {
        return table + " " + start + ".." + (start + count - 1);
    }

    List<String> itemIds() {
        return items.stream().map(PolledItem::id).toList();
    }
}
