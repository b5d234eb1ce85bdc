package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;

class ConditionMapperTest {

    private static final Instant TIME = Instant.parse("2025-03-01T10:15:30Z");

    @Test
    void anActiveAlarmIsAFaultFromSeverity700AndAWarningBelow() throws Exception {
        assertEquals(ConditionLevel.FAULT, level(alarm(800, true, false, true)));
        assertEquals(ConditionLevel.FAULT, level(alarm(700, true, true, true)));
        assertEquals(ConditionLevel.WARNING, level(alarm(699, true, false, true)));
        assertEquals(ConditionLevel.WARNING, level(alarm(1, true, false, true)));
    }

    @Test
    void anInactiveOrNoLongerRetainedConditionIsNormal() throws Exception {
        assertEquals(ConditionLevel.NORMAL, level(alarm(800, false, false, true)), "cleared, not yet acknowledged");
        assertEquals(ConditionLevel.NORMAL, level(alarm(800, false, true, false)));
        assertEquals(ConditionLevel.NORMAL, level(alarm(800, true, true, false)), "not retained (e.g. disabled)");
    }

    @Test
    void aConditionWithoutActiveStateIsActiveWhileRetained() throws Exception {
        assertEquals(ConditionLevel.WARNING, level(alarm(400, null, null, true)));
        assertEquals(ConditionLevel.NORMAL, level(alarm(400, null, null, false)));
    }

    @Test
    void aPlainEventCountsAsActive() throws Exception {
        assertEquals(ConditionLevel.FAULT, level(OpcUaEvents.plain(NodeIds.SystemEventType, TIME, 900, "crash")));
        assertEquals(ConditionLevel.WARNING, level(OpcUaEvents.plain(NodeIds.SystemEventType, TIME, 100, "note")));
    }

    @Test
    void theNativeCodeIsTheConditionNameElseTheEventTypeName() throws Exception {
        Value.Condition alarm = ConditionMapper.map(EventFields.parse(
                OpcUaEvents.alarm("HighTemperatureAlarm", TIME, 800, true, false, true, "too hot")), "unused");
        assertEquals(new Value.Condition(ConditionLevel.FAULT, "HighTemperatureAlarm", "too hot"), alarm);

        Value.Condition plain = ConditionMapper.map(EventFields.parse(
                OpcUaEvents.plain(NodeIds.SystemEventType, TIME, 100, "note")), "SystemEventType");
        assertEquals(new Value.Condition(ConditionLevel.WARNING, "SystemEventType", "note"), plain);
    }

    private static Variant[] alarm(int severity, Boolean active, Boolean acked, Boolean retain) {
        return OpcUaEvents.alarm("A", TIME, severity, active, acked, retain, "m");
    }

    private static ConditionLevel level(Variant[] event) throws UnmappableEventException {
        return ConditionMapper.level(EventFields.parse(event));
    }
}
