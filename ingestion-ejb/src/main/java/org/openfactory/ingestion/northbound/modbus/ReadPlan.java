package org.openfactory.ingestion.northbound.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.openfactory.registry.asset.ModbusSource.Table;

/**
 * The read requests of one poll. Items of the same table whose addresses lie close together are read in one request
 * (each request costs a round trip, a few unused addresses cost almost nothing), within the protocol's maxima of
 * {@value #MAX_REGISTERS} registers and {@value #MAX_BITS} bits per request.
 */
record ReadPlan(List<ReadBlock> blocks) {

    /** Modbus limit of one read of holding or input registers (function codes 3 and 4). */
    static final int MAX_REGISTERS = 125;
    /** Modbus limit of one read of coils or discrete inputs (function codes 1 and 2). */
    static final int MAX_BITS = 2000;

    ReadPlan {
        blocks = List.copyOf(blocks);
    }

    /**
     * Groups items per table into as few requests as possible.
     *
     * @param maxGap how many unused addresses may lie between two items of one request
     */
    static ReadPlan of(List<PolledItem> items, int maxGap) {
        if (maxGap < 0) {
            throw new IllegalArgumentException("maxGap must be 0 or more: " + maxGap);
        }
        var blocks = new ArrayList<ReadBlock>();
        for (Table table : Table.values()) {
            List<PolledItem> ofTable = items.stream()
                    .filter(i -> i.table() == table)
                    .sorted(Comparator.comparingInt(PolledItem::address).thenComparingInt(PolledItem::end))
                    .toList();
            blocks.addAll(group(table, ofTable, maxGap));
        }
        return new ReadPlan(blocks);
    }

    static int maxCount(Table table) {
        return table.holdsBits() ? MAX_BITS : MAX_REGISTERS;
    }

    int requestsPerPoll() {
        return blocks.size();
    }

    private static List<ReadBlock> group(Table table, List<PolledItem> sorted, int maxGap) {
        var blocks = new ArrayList<ReadBlock>();
        var current = new ArrayList<PolledItem>();
        int start = 0;
        int end = 0;
        for (PolledItem item : sorted) {
            boolean fits = !current.isEmpty()
                    && item.address() - end <= maxGap
                    && Math.max(end, item.end()) - start <= maxCount(table);
            if (!fits) {
                if (!current.isEmpty()) {
                    blocks.add(new ReadBlock(table, start, end - start, current));
                }
                current = new ArrayList<>();
                start = item.address();
                end = item.end();
            }
            current.add(item);
            end = Math.max(end, item.end());
        }
        if (!current.isEmpty()) {
            blocks.add(new ReadBlock(table, start, end - start, current));
        }
        return blocks;
    }
}
