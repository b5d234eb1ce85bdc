package org.openfactory.simulator.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.milo.opcua.sdk.server.EventNotifier;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.NonExclusiveDeviationAlarmTypeNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.util.NonceUtil;

/**
 * The controller's {@code HighTemperatureAlarm}: an OPC UA NonExclusiveDeviationAlarm that is active while the
 * temperature is more than {@link ThermalModel#ALARM_MARGIN} above the setpoint (the same rule as the {@code Alarm}
 * variable). Raising it makes it unacknowledged; {@code ResetAlarm} acknowledges it. It is retained (reported by
 * ConditionRefresh) while active or unacknowledged, as OPC UA Part 9 describes.
 *
 * <p>The state lives here and survives a device restart; each start binds it to the new server's node with
 * {@link #attach}. Each state change updates the node and fires it as an event. All methods are synchronized:
 * the updater thread changes the state while Milo threads run methods and ConditionRefresh.
 */
final class HighTemperatureAlarm {

    static final String NAME = "HighTemperatureAlarm";
    /** OPC UA severity while active: high (&gt;= 700), so platforms map it to a fault. */
    static final int ACTIVE_SEVERITY = 800;
    static final int INACTIVE_SEVERITY = 100;

    private boolean active;
    private boolean acknowledged = true;
    private String message = "Temperature within limits";
    private int severity = INACTIVE_SEVERITY;
    private DateTime time = DateTime.now();
    private ByteString eventId = NonceUtil.generateNonce(16);

    // The node of the running server and where its events go; null while stopped.
    private NonExclusiveDeviationAlarmTypeNode node;
    private EventNotifier notifier;

    /** Binds the state to the node of a (re)started server, without firing: nothing changed. */
    synchronized void attach(NonExclusiveDeviationAlarmTypeNode alarmNode, EventNotifier eventNotifier,
                             NodeId source, NodeId temperature, NodeId setpoint) {
        this.node = alarmNode;
        this.notifier = eventNotifier;
        alarmNode.setEventType(NodeIds.NonExclusiveDeviationAlarmType);
        alarmNode.setSourceNode(source);
        alarmNode.setSourceName(TemperatureControllerServer.FOLDER);
        alarmNode.setConditionName(NAME);
        alarmNode.setConditionClassId(NodeIds.ProcessConditionClassType);
        alarmNode.setConditionClassName(LocalizedText.english("Process"));
        alarmNode.setBranchId(NodeId.NULL_VALUE);
        alarmNode.setInputNode(temperature);
        alarmNode.setSetpointNode(setpoint);
        alarmNode.setHighLimit(ThermalModel.ALARM_MARGIN);
        alarmNode.setSuppressedOrShelved(false);
        alarmNode.setQuality(StatusCode.GOOD);
        alarmNode.setEnabledState(LocalizedText.english("Enabled"));
        alarmNode.getEnabledStateNode().setId(true);
        writeState();
    }

    synchronized void detach() {
        node = null;
        notifier = null;
    }

    /** Follows the temperature; a change of the active state is fired as an event. */
    synchronized void update(ThermalModel.Snapshot s) {
        boolean nowActive = s.alarm();
        if (nowActive == active) {
            return;
        }
        active = nowActive;
        if (active) {
            acknowledged = false;
            severity = ACTIVE_SEVERITY;
            message = String.format(Locale.ROOT, "Temperature %.1f °C is more than %.1f °C above the setpoint %.1f °C",
                    s.temperature(), ThermalModel.ALARM_MARGIN, s.setpoint());
        } else {
            severity = INACTIVE_SEVERITY;
            message = String.format(Locale.ROOT, "Temperature %.1f °C back within %.1f °C of the setpoint %.1f °C",
                    s.temperature(), ThermalModel.ALARM_MARGIN, s.setpoint());
        }
        fire();
    }

    /** The operator's acknowledgement (ResetAlarm). Returns false if there was nothing to acknowledge. */
    synchronized boolean acknowledge() {
        if (acknowledged) {
            return false;
        }
        acknowledged = true;
        message = active ? "High temperature acknowledged, still active" : "High temperature acknowledged";
        fire();
        return true;
    }

    synchronized boolean isActive() {
        return active;
    }

    synchronized boolean isAcknowledged() {
        return acknowledged;
    }

    /** Hands the condition to {@code delivery} if it is retained: what ConditionRefresh re-sends. */
    synchronized void deliverIfRetained(Consumer<BaseEventTypeNode> delivery) {
        if (node != null && retained()) {
            delivery.accept(node);
        }
    }

    private boolean retained() {
        return active || !acknowledged;
    }

    private void fire() {
        time = DateTime.now();
        eventId = NonceUtil.generateNonce(16);
        if (node != null) {
            writeState();
            notifier.fire(node);
        }
    }

    private void writeState() {
        node.setEventId(eventId);
        node.setTime(time);
        node.setReceiveTime(time);
        node.setMessage(LocalizedText.english(message));
        node.setSeverity(ushort(severity));
        node.setLastSeverity(ushort(severity));
        node.setRetain(retained());
        node.setActiveState(LocalizedText.english(active ? "Active" : "Inactive"));
        node.getActiveStateNode().setId(active);
        node.setHighState(LocalizedText.english(active ? "High active" : "High inactive"));
        node.getHighStateNode().setId(active);
        node.setAckedState(LocalizedText.english(acknowledged ? "Acknowledged" : "Unacknowledged"));
        node.getAckedStateNode().setId(acknowledged);
    }
}
