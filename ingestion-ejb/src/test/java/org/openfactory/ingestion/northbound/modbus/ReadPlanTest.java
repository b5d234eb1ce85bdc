package org.openfactory.ingestion.northbound.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.ModbusSource;
import org.openfactory.registry.asset.ModbusSource.DataType;
import org.openfactory.registry.asset.ModbusSource.Table;

class ReadPlanTest {

    @Test
    void adjacentItemsOfOneTableShareARequestAndTablesNeverMix() {
        ReadPlan plan = ReadPlan.of(List.of(
                item("flow", Table.INPUT_REGISTER, 0, DataType.FLOAT32),
                item("pressure", Table.INPUT_REGISTER, 2, DataType.INT16),
                item("runHours", Table.INPUT_REGISTER, 3, DataType.UINT32),
                item("speed", Table.HOLDING_REGISTER, 0, DataType.FLOAT32),
                item("run", Table.COIL, 0, DataType.BOOL),
                item("fault", Table.DISCRETE_INPUT, 0, DataType.BOOL)), 8);

        assertEquals(List.of("COIL 0..0", "DISCRETE_INPUT 0..0", "HOLDING_REGISTER 0..1", "INPUT_REGISTER 0..4"),
                plan.blocks().stream().map(ReadBlock::describe).toList());
        assertEquals(List.of("flow", "pressure", "runHours"), plan.blocks().get(3).itemIds());
        assertEquals(4, plan.requestsPerPoll());
    }

    @Test
    void smallGapsAreReadThroughLargerOnesSplit() {
        List<PolledItem> items = List.of(
                item("a", Table.HOLDING_REGISTER, 10, DataType.INT16),
                item("b", Table.HOLDING_REGISTER, 19, DataType.INT32), // 8 unused registers 11..18
                item("c", Table.HOLDING_REGISTER, 30, DataType.INT16)); // 9 unused registers 21..29
        assertEquals(List.of("HOLDING_REGISTER 10..20", "HOLDING_REGISTER 30..30"), describe(ReadPlan.of(items, 8)));
        assertEquals(List.of("HOLDING_REGISTER 10..10", "HOLDING_REGISTER 19..20", "HOLDING_REGISTER 30..30"),
                describe(ReadPlan.of(items, 0)), "no gaps allowed: only touching items merge");
        assertEquals(List.of("HOLDING_REGISTER 10..30"), describe(ReadPlan.of(items, 9)));
    }

    @Test
    void touchingItemsMergeWithoutAGapAllowance() {
        ReadPlan plan = ReadPlan.of(List.of(
                item("b", Table.INPUT_REGISTER, 4, DataType.FLOAT64),
                item("a", Table.INPUT_REGISTER, 0, DataType.FLOAT64)), 0);
        assertEquals(List.of("INPUT_REGISTER 0..7"), describe(plan));
        assertEquals(List.of("a", "b"), plan.blocks().get(0).itemIds(), "in address order");
    }

    @Test
    void overlappingItemsReadTheSameRegistersOnce() {
        ReadPlan plan = ReadPlan.of(List.of(
                item("whole", Table.HOLDING_REGISTER, 0, DataType.UINT32),
                item("high", Table.HOLDING_REGISTER, 0, DataType.UINT16),
                item("low", Table.HOLDING_REGISTER, 1, DataType.UINT16)), 0);
        assertEquals(List.of("HOLDING_REGISTER 0..1"), describe(plan));
        assertEquals(3, plan.blocks().get(0).items().size());
    }

    @Test
    void aRequestNeverExceeds125RegistersAndAValueIsNeverSplit() {
        var items = new ArrayList<PolledItem>();
        for (int i = 0; i < 100; i++) {
            items.add(item("f" + i, Table.INPUT_REGISTER, 1000 + 2 * i, DataType.FLOAT32)); // 200 registers
        }
        ReadPlan plan = ReadPlan.of(items, 8);
        assertEquals(List.of("INPUT_REGISTER 1000..1123", "INPUT_REGISTER 1124..1199"), describe(plan),
                "125 would cut f62 in half: the first request stops at 124");
        assertEquals(62, plan.blocks().get(0).items().size());
        plan.blocks().forEach(b -> assertTrue(b.count() <= ReadPlan.MAX_REGISTERS));
    }

    @Test
    void aRequestNeverExceeds2000Bits() {
        var items = new ArrayList<PolledItem>();
        for (int i = 0; i < 4500; i += 3) {
            items.add(item("c" + i, Table.COIL, i, DataType.BOOL));
        }
        ReadPlan plan = ReadPlan.of(items, 8);
        assertEquals(List.of("COIL 0..1998", "COIL 2001..3999", "COIL 4002..4497"), describe(plan));
        assertEquals(items.size(), plan.blocks().stream().mapToInt(b -> b.items().size()).sum());
    }

    @Test
    void anAssetWithoutItemsHasAnEmptyPlan() {
        assertEquals(0, ReadPlan.of(List.of(), 8).requestsPerPoll());
        assertThrows(IllegalArgumentException.class, () -> ReadPlan.of(List.of(), -1));
    }

    private static List<String> describe(ReadPlan plan) {
        return plan.blocks().stream().map(ReadBlock::describe).toList();
    }

    static PolledItem item(String id, Table table, int address, DataType type) {
        ValueType valueType = type == DataType.BOOL ? ValueType.BOOLEAN : ValueType.DOUBLE;
        var source = ModbusSource.of(table, address, type);
        return new PolledItem(new DataItemDefinition(id, Category.SAMPLE, valueType, null, false, source), source);
    }
}
