package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;
import org.junit.jupiter.api.Test;

class EventFieldsTest {

    private static final Instant TIME = Instant.parse("2025-03-01T10:15:30.123Z");

    @Test
    void theFilterSelectsTheEventAndConditionFields() {
        EventFilter filter = EventFields.filter();
        SimpleAttributeOperand[] select = filter.getSelectClauses();
        assertEquals(11, select.length);
        assertEquals("EventId", select[0].getBrowsePath()[0].name());
        assertEquals(NodeIds.AlarmConditionType, select[8].getTypeDefinitionId());
        assertEquals(java.util.List.of(new QualifiedName(0, "ActiveState"), new QualifiedName(0, "Id")),
                java.util.List.of(select[8].getBrowsePath()));
        assertEquals(NodeIds.AcknowledgeableConditionType, select[9].getTypeDefinitionId());
        assertEquals("Retain", select[10].getBrowsePath()[0].name());
    }

    @Test
    void readsAConditionEvent() throws Exception {
        EventFields event = EventFields.parse(OpcUaEvents.alarm("HighTemperatureAlarm", TIME, 800, true, false, true,
                "too hot"));
        assertEquals(NodeIds.NonExclusiveDeviationAlarmType, event.eventType());
        assertEquals(OpcUaEvents.SOURCE, event.sourceNode());
        assertEquals("TemperatureController", event.sourceName());
        assertEquals(TIME, event.time());
        assertEquals("too hot", event.message());
        assertEquals(800, event.severity());
        assertEquals("HighTemperatureAlarm", event.conditionName());
        assertEquals(Boolean.TRUE, event.active());
        assertEquals(Boolean.FALSE, event.acked());
        assertTrue(event.isCondition());
    }

    @Test
    void aPlainEventHasNoConditionFields() throws Exception {
        EventFields event = EventFields.parse(OpcUaEvents.plain(NodeIds.SystemEventType, TIME, 300, null));
        assertFalse(event.isCondition());
        assertNull(event.message());
        assertNull(event.active());
    }

    @Test
    void recognisesTheRefreshMarkers() throws Exception {
        assertTrue(EventFields.parse(OpcUaEvents.marker(NodeIds.RefreshStartEventType, TIME)).isRefreshStart());
        assertTrue(EventFields.parse(OpcUaEvents.marker(NodeIds.RefreshEndEventType, TIME)).isRefreshEnd());
        assertTrue(EventFields.parse(OpcUaEvents.marker(NodeIds.RefreshRequiredEventType, TIME)).isRefreshRequired());
    }

    @Test
    void rejectsEventsMissingMandatoryFieldsOrWithWrongTypes() {
        assertEquals("the event has no Time", assertThrows(UnmappableEventException.class,
                () -> EventFields.parse(OpcUaEvents.fields(NodeIds.BaseEventType, null, 500, null, null, null, null,
                        "x"))).getMessage());
        assertEquals("the event has no Severity", assertThrows(UnmappableEventException.class,
                () -> EventFields.parse(OpcUaEvents.fields(NodeIds.BaseEventType, TIME, null, null, null, null, null,
                        "x"))).getMessage());
        assertTrue(assertThrows(UnmappableEventException.class,
                () -> EventFields.parse(OpcUaEvents.fields(NodeIds.BaseEventType, TIME, "high", null, null, null,
                        null, "x"))).getMessage().contains("Severity is \"high\" (String)"));
        assertTrue(assertThrows(UnmappableEventException.class,
                () -> EventFields.parse(OpcUaEvents.fields(NodeIds.BaseEventType, TIME, 5000, null, null, null,
                        null, "x"))).getMessage().contains("outside 0..1000"));
        assertTrue(assertThrows(UnmappableEventException.class,
                () -> EventFields.parse(new Variant[3])).getMessage().contains("expected 11 event fields, got 3"));
    }
}
