package org.openfactory.simulator.mtconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MachineToolTest {

    @Test
    void theSnapshotHasEveryDataItemOnce() {
        List<Reading> snapshot = new MachineTool(1L).snapshot();
        assertEquals(Vmc3Axis.DATA_ITEMS.stream().map(DataItemSpec::id).toList(),
                snapshot.stream().map(Reading::dataItemId).toList());
        assertEquals(Reading.condition(Vmc3Axis.SYSTEM, "NORMAL", null, null), snapshot.get(6));
    }

    @Test
    void aRunningProgramMovesTheAxesAndCountsParts() {
        var machine = new MachineTool(1L);
        machine.snapshot();
        Set<String> xValues = new HashSet<>();
        Set<String> zValues = new HashSet<>();
        List<String> executions = new ArrayList<>();
        for (int i = 0; i < 2 * MachineTool.STEPS_PER_PART; i++) {
            List<Reading> changes = machine.step();
            changes.stream().filter(r -> r.dataItemId().equals(Vmc3Axis.X_ACT))
                    .forEach(r -> xValues.add(r.value().substring(0, r.value().indexOf('.'))));
            changes.stream().filter(r -> r.dataItemId().equals(Vmc3Axis.Z_ACT))
                    .forEach(r -> zValues.add(r.value().substring(0, r.value().indexOf('.'))));
            changes.stream().filter(r -> r.dataItemId().equals(Vmc3Axis.EXECUTION))
                    .forEach(r -> executions.add(r.value()));
        }
        assertEquals(2, machine.partCount());
        assertTrue(zValues.contains("50") && zValues.contains("-1"), "descends to cut and retracts: " + zValues);
        assertTrue(xValues.contains("150") && xValues.contains("250"), "cuts along X: " + xValues);
        assertEquals(List.of("READY", "ACTIVE", "READY", "ACTIVE"), executions);
    }

    @Test
    void warningsComeAndClear() {
        var machine = new MachineTool(7L);
        machine.snapshot();
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            machine.step().stream().filter(Reading::isCondition).forEach(r -> levels.add(r.conditionLevel()));
        }
        assertTrue(levels.contains("WARNING"), "a warning in 2000 steps");
        for (int i = 0; i + 1 < levels.size(); i++) {
            assertTrue(!levels.get(i).equals(levels.get(i + 1)), "only changes are reported: " + levels);
        }
        assertTrue(levels.subList(levels.indexOf("WARNING"), levels.size()).contains("NORMAL"), "and clear");
    }

    @Test
    void sameSeedSameMachine() {
        var a = new MachineTool(3L);
        var b = new MachineTool(3L);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.step(), b.step());
        }
    }
}
