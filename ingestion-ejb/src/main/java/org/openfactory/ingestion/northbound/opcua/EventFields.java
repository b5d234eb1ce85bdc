package org.openfactory.ingestion.northbound.opcua;

import java.time.Instant;
import java.util.List;

import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.ContentFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;

/**
 * The fields of one OPC UA event as the connector selects them ({@link #filter()}); the condition fields are null
 * for events that are not conditions.
 *
 * @param active   ActiveState/Id of an alarm, null for other events
 * @param acked    AckedState/Id of an acknowledgeable condition, null for other events
 * @param retain   Retain of a condition, null for other events
 */
record EventFields(NodeId eventType, NodeId sourceNode, String sourceName, Instant time, String message,
                   int severity, String conditionName, Boolean active, Boolean acked, Boolean retain) {

    /** OPC UA severities run from 1 to 1000; Milo's refresh markers use 0. */
    static final int MAX_SEVERITY = 1000;

    // The select clauses, in order; parse() reads the values by these positions.
    private static final List<SimpleAttributeOperand> SELECT = List.of(
            field(NodeIds.BaseEventType, "EventId"),
            field(NodeIds.BaseEventType, "EventType"),
            field(NodeIds.BaseEventType, "SourceNode"),
            field(NodeIds.BaseEventType, "SourceName"),
            field(NodeIds.BaseEventType, "Time"),
            field(NodeIds.BaseEventType, "Message"),
            field(NodeIds.BaseEventType, "Severity"),
            field(NodeIds.ConditionType, "ConditionName"),
            field(NodeIds.AlarmConditionType, "ActiveState", "Id"),
            field(NodeIds.AcknowledgeableConditionType, "AckedState", "Id"),
            field(NodeIds.ConditionType, "Retain"));

    /** All events of the notifier (no where clause), with the fields above. */
    static EventFilter filter() {
        return new EventFilter(SELECT.toArray(new SimpleAttributeOperand[0]), new ContentFilter(null));
    }

    /** Reads the selected values of one event notification. */
    static EventFields parse(Variant[] values) throws UnmappableEventException {
        if (values == null || values.length != SELECT.size()) {
            throw new UnmappableEventException("expected " + SELECT.size() + " event fields, got "
                    + (values == null ? "none" : values.length));
        }
        NodeId eventType = required(values, 1, "EventType", NodeId.class);
        NodeId sourceNode = optional(values, 2, "SourceNode", NodeId.class);
        String sourceName = optional(values, 3, "SourceName", String.class);
        DateTime time = required(values, 4, "Time", DateTime.class);
        if (time.isNull() || !time.isValid()) {
            throw new UnmappableEventException("event Time is not a valid time: " + time);
        }
        LocalizedText message = optional(values, 5, "Message", LocalizedText.class);
        Number severity = required(values, 6, "Severity", Number.class);
        if (severity.intValue() < 0 || severity.intValue() > MAX_SEVERITY) {
            throw new UnmappableEventException("Severity " + severity + " is outside 0.." + MAX_SEVERITY);
        }
        return new EventFields(eventType, sourceNode, sourceName, time.getJavaInstant(),
                message == null ? null : message.text(), severity.intValue(),
                optional(values, 7, "ConditionName", String.class),
                optional(values, 8, "ActiveState/Id", Boolean.class),
                optional(values, 9, "AckedState/Id", Boolean.class),
                optional(values, 10, "Retain", Boolean.class));
    }

    /** A condition (ConditionType or a subtype): it has a name or a Retain flag. */
    boolean isCondition() {
        return conditionName != null || retain != null;
    }

    /** The markers a server sends around the current states during a ConditionRefresh. */
    boolean isRefreshStart() {
        return NodeIds.RefreshStartEventType.equals(eventType);
    }

    boolean isRefreshEnd() {
        return NodeIds.RefreshEndEventType.equals(eventType);
    }

    /** The server lost condition events (e.g. a queue overflow) and asks for a ConditionRefresh. */
    boolean isRefreshRequired() {
        return NodeIds.RefreshRequiredEventType.equals(eventType);
    }

    private static SimpleAttributeOperand field(NodeId type, String... path) {
        QualifiedName[] browsePath = new QualifiedName[path.length];
        for (int i = 0; i < path.length; i++) {
            browsePath[i] = new QualifiedName(0, path[i]);
        }
        return new SimpleAttributeOperand(type, browsePath, AttributeId.Value.uid(), null);
    }

    private static <T> T required(Variant[] values, int index, String name, Class<T> type)
            throws UnmappableEventException {
        T value = optional(values, index, name, type);
        if (value == null) {
            throw new UnmappableEventException("the event has no " + name);
        }
        return value;
    }

    private static <T> T optional(Variant[] values, int index, String name, Class<T> type)
            throws UnmappableEventException {
        Object value = values[index] == null ? null : values[index].value();
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new UnmappableEventException("event field " + name + " is "
                    + UnconvertibleValueException.describe(value) + ", expected a " + type.getSimpleName());
        }
        return type.cast(value);
    }
}
