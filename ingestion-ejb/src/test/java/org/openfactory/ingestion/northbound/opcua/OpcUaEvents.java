package org.openfactory.ingestion.northbound.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.time.Instant;

import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/** Event notifications as a device sends them for {@link EventFields#filter()}, for unit tests. */
final class OpcUaEvents {

    static final NodeId SOURCE = NodeId.parse("ns=2;s=TemperatureController");

    private OpcUaEvents() {
    }

    /** An alarm condition's event. */
    static Variant[] alarm(String name, Instant time, int severity, Boolean active, Boolean acked, Boolean retain,
                           String message) {
        return fields(NodeIds.NonExclusiveDeviationAlarmType, time, severity, name, active, acked, retain, message);
    }

    /** A plain event of {@code type}: no condition fields. */
    static Variant[] plain(NodeId type, Instant time, int severity, String message) {
        return fields(type, time, severity, null, null, null, null, message);
    }

    static Variant[] marker(NodeId type, Instant time) {
        return fields(type, time, 0, null, null, null, null, type.toParseableString());
    }

    static Variant[] fields(NodeId type, Instant time, Object severity, String name, Boolean active, Boolean acked,
                            Boolean retain, String message) {
        return new Variant[] {
                new Variant(ByteString.of(new byte[] {1, 2, 3})),
                new Variant(type),
                new Variant(SOURCE),
                new Variant("TemperatureController"),
                new Variant(time == null ? null : new DateTime(time)),
                new Variant(message == null ? null : LocalizedText.english(message)),
                new Variant(severity instanceof Integer i ? ushort(i) : severity),
                new Variant(name),
                new Variant(active),
                new Variant(acked),
                new Variant(retain)};
    }
}
