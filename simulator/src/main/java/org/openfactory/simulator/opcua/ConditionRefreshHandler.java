package org.openfactory.simulator.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.ConditionType;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.subscriptions.Subscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.util.NonceUtil;

/**
 * ConditionRefresh as OPC UA Part 9 describes it: RefreshStart, the current state of every retained condition,
 * RefreshEnd, sent to the event items of the requesting subscription only. Milo's own handler sends just the two
 * markers, to every subscription, since it does not know our conditions; {@link #install} replaces it on the
 * server's ConditionType.ConditionRefresh method.
 */
final class ConditionRefreshHandler extends ConditionType.ConditionRefreshMethod {

    /** Hands each retained condition to the consumer. */
    interface RetainedConditions {
        void forEachRetained(Consumer<BaseEventTypeNode> delivery);
    }

    private final OpcUaServer server;
    private final RetainedConditions conditions;

    private ConditionRefreshHandler(UaMethodNode node, RetainedConditions conditions) {
        super(node);
        this.server = node.getNodeContext().getServer();
        this.conditions = conditions;
    }

    static void install(OpcUaServer server, RetainedConditions conditions) {
        UaMethodNode method = server.getAddressSpaceManager()
                .getManagedNode(NodeIds.ConditionType_ConditionRefresh)
                .filter(UaMethodNode.class::isInstance)
                .map(UaMethodNode.class::cast)
                .orElseThrow(() -> new IllegalStateException("the server has no ConditionRefresh method node"));
        method.setInvocationHandler(new ConditionRefreshHandler(method, conditions));
    }

    @Override
    protected void invoke(InvocationContext context, UInteger subscriptionId) throws UaException {
        Session session = context.getSession()
                .orElseThrow(() -> new UaException(StatusCodes.Bad_UserAccessDenied));
        Subscription subscription = session.getSubscriptionManager().getSubscription(subscriptionId);
        if (subscription == null) {
            throw new UaException(StatusCodes.Bad_SubscriptionIdInvalid);
        }
        List<EventItem> items = subscription.getMonitoredItems().values().stream()
                .filter(EventItem.class::isInstance)
                .map(EventItem.class::cast)
                .filter(EventItem::isSamplingEnabled)
                .toList();
        BaseEventTypeNode start = marker(NodeIds.RefreshStartEventType, "RefreshStart");
        BaseEventTypeNode end = marker(NodeIds.RefreshEndEventType, "RefreshEnd");
        try {
            items.forEach(item -> item.onEvent(start));
            conditions.forEachRetained(condition -> items.forEach(item -> item.onEvent(condition)));
            items.forEach(item -> item.onEvent(end));
        } finally {
            start.delete();
            end.delete();
        }
    }

    private BaseEventTypeNode marker(NodeId type, String name) throws UaException {
        BaseEventTypeNode event = server.getEventFactory().createEvent(new NodeId(1, UUID.randomUUID()), type);
        event.setBrowseName(new QualifiedName(1, name));
        event.setDisplayName(LocalizedText.english(name));
        event.setEventId(NonceUtil.generateNonce(16));
        event.setEventType(type);
        event.setSourceNode(NodeIds.Server);
        event.setSourceName("Server");
        event.setTime(DateTime.now());
        event.setReceiveTime(DateTime.NULL_VALUE);
        event.setMessage(LocalizedText.english(name));
        event.setSeverity(ushort(0));
        return event;
    }
}
