package org.openfactory.simulator.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EventListener;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.EventItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.model.objects.NonExclusiveDeviationAlarmTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;

/**
 * The address space of the simulated device: a {@code TemperatureController} folder under Objects with five
 * variables, the {@code HighTemperatureAlarm} condition and the methods {@code SetMode} and {@code ResetAlarm}.
 * Monitored items are served by sampling the node values ({@link SubscriptionModel}). The controller is an event
 * notifier (referenced from the Server object by HasNotifier) and the source of its alarm (HasCondition).
 */
final class TemperatureControllerNamespace extends ManagedNamespaceWithLifecycle {

    /** Fastest rate at which the device lets clients sample its variables, in milliseconds. */
    private static final double MIN_SAMPLING_INTERVAL = 50.0;

    /** The EventNotifier attribute's SubscribeToEvents bit. */
    private static final int SUBSCRIBE_TO_EVENTS = 1;

    private final SubscriptionModel subscriptionModel;
    private final ControllerActions actions;
    /** Our event items' listeners on the server's event notifier, to unregister them. */
    private final Map<EventItem, EventListener> eventListeners = new ConcurrentHashMap<>();

    private UaFolderNode controller;
    private NonExclusiveDeviationAlarmTypeNode highTemperatureAlarm;

    private UaVariableNode temperature;
    private UaVariableNode setpoint;
    private UaVariableNode heaterOn;
    private UaVariableNode mode;
    private UaVariableNode alarm;

    /**
     * @param actions told the new setpoint whenever the Setpoint node's value changes (including writes from OPC UA
     *                clients), and what the methods do
     */
    TemperatureControllerNamespace(OpcUaServer server, ControllerActions actions) {
        super(server, TemperatureControllerServer.NAMESPACE_URI);
        this.actions = actions;
        this.subscriptionModel = new SubscriptionModel(server, this);
        getLifecycleManager().addLifecycle(subscriptionModel);
        getLifecycleManager().addStartupTask(this::createNodes);
    }

    private void createNodes() {
        NodeId folderId = newNodeId(TemperatureControllerServer.FOLDER);
        var folder = new UaFolderNode(getNodeContext(), folderId,
                newQualifiedName(TemperatureControllerServer.FOLDER),
                LocalizedText.english(TemperatureControllerServer.FOLDER));
        getNodeManager().addNode(folder);
        folder.addReference(new Reference(folderId, NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
        controller = folder;

        temperature = variable(folder, "Temperature", NodeIds.Double, AccessLevel.READ_ONLY);
        setpoint = variable(folder, "Setpoint", NodeIds.Double, AccessLevel.READ_WRITE);
        heaterOn = variable(folder, "HeaterOn", NodeIds.Boolean, AccessLevel.READ_ONLY);
        mode = variable(folder, "Mode", NodeIds.String, AccessLevel.READ_ONLY);
        alarm = variable(folder, "Alarm", NodeIds.Boolean, AccessLevel.READ_ONLY);

        setpoint.addAttributeObserver((node, attributeId, value) -> {
            if (attributeId == AttributeId.Value && value instanceof DataValue dv
                    && dv.value().value() instanceof Double d) {
                actions.setpointWritten(d);
            }
        });

        // Events: clients may subscribe to the controller's events; the Server object notifies them too.
        folder.setEventNotifier(ubyte(SUBSCRIBE_TO_EVENTS));
        folder.addReference(new Reference(folderId, NodeIds.HasNotifier, NodeIds.Server.expanded(), false));
        highTemperatureAlarm = alarm(folder);

        method(folder, SetModeMethod.NAME, "Switches the mode (AUTO, MANUAL, OFF); returns the previous one",
                node -> new SetModeMethod(node, actions));
        method(folder, ResetAlarmMethod.NAME, "Acknowledges the high temperature alarm",
                node -> new ResetAlarmMethod(node, actions));
    }

    private NonExclusiveDeviationAlarmTypeNode alarm(UaFolderNode source) {
        NodeId alarmId = newNodeId(TemperatureControllerServer.FOLDER + "/" + HighTemperatureAlarm.NAME);
        try {
            var alarmNode = (NonExclusiveDeviationAlarmTypeNode) new NodeFactory(getNodeContext()).createNode(
                    alarmId, NodeIds.NonExclusiveDeviationAlarmType, new NodeFactory.InstantiationCallback() {
                        @Override
                        public boolean includeOptionalNode(NodeId typeDefinitionId, QualifiedName browseName) {
                            return "HighLimit".equals(browseName.name()) || "HighState".equals(browseName.name());
                        }
                    });
            alarmNode.setBrowseName(newQualifiedName(HighTemperatureAlarm.NAME));
            alarmNode.setDisplayName(LocalizedText.english(HighTemperatureAlarm.NAME));
            source.addComponent(alarmNode);
            source.addReference(new Reference(source.getNodeId(), NodeIds.HasCondition, alarmId.expanded(), true));
            return alarmNode;
        } catch (UaException e) {
            throw new IllegalStateException("cannot create " + HighTemperatureAlarm.NAME, e);
        }
    }

    private void method(UaFolderNode folder, String name, String description,
                        java.util.function.Function<UaMethodNode, AbstractMethodInvocationHandler> handler) {
        UaMethodNode node = UaMethodNode.builder(getNodeContext())
                .setNodeId(newNodeId(TemperatureControllerServer.FOLDER + "/" + name))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .build();
        AbstractMethodInvocationHandler invocation = handler.apply(node);
        // No property for an empty list: a method without arguments has no InputArguments node (Part 3).
        if (invocation.getInputArguments().length > 0) {
            node.setInputArguments(invocation.getInputArguments());
        }
        if (invocation.getOutputArguments().length > 0) {
            node.setOutputArguments(invocation.getOutputArguments());
        }
        node.setInvocationHandler(invocation);
        getNodeManager().addNode(node);
        folder.addComponent(node);
    }

    private UaVariableNode variable(UaFolderNode folder, String name, NodeId dataType, Set<AccessLevel> access) {
        UaVariableNode node = UaVariableNode.builder(getNodeContext())
                .setNodeId(newNodeId(TemperatureControllerServer.FOLDER + "/" + name))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDataType(dataType)
                .setAccessLevel(access)
                .setUserAccessLevel(access)
                .setMinimumSamplingInterval(MIN_SAMPLING_INTERVAL)
                .build();
        getNodeManager().addNode(node);
        folder.addOrganizes(node);
        return node;
    }

    UaVariableNode temperature() { return temperature; }
    UaVariableNode setpoint() { return setpoint; }
    UaVariableNode heaterOn() { return heaterOn; }
    UaVariableNode mode() { return mode; }
    UaVariableNode alarm() { return alarm; }
    UaFolderNode controller() { return controller; }
    NonExclusiveDeviationAlarmTypeNode highTemperatureAlarm() { return highTemperatureAlarm; }

    @Override
    public void onDataItemsCreated(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsCreated(dataItems);
    }

    @Override
    public void onDataItemsModified(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsModified(dataItems);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> dataItems) {
        subscriptionModel.onDataItemsDeleted(dataItems);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        subscriptionModel.onMonitoringModeChanged(monitoredItems);
    }

    // Event items on the controller: Milo leaves their delivery to the namespace. Each gets the events whose source
    // is the controller; Milo's server notifier delivers every event of the server to every registered listener.

    @Override
    public void onEventItemsCreated(List<EventItem> eventItems) {
        eventItems.stream().filter(MonitoredItem::isSamplingEnabled).forEach(this::registerEventItem);
    }

    @Override
    public void onEventItemsModified(List<EventItem> eventItems) {
        for (EventItem item : eventItems) {
            if (item.isSamplingEnabled()) {
                registerEventItem(item);
            } else {
                unregisterEventItem(item);
            }
        }
    }

    @Override
    public void onEventItemsDeleted(List<EventItem> eventItems) {
        eventItems.forEach(this::unregisterEventItem);
    }

    private void registerEventItem(EventItem item) {
        NodeId notifier = item.getReadValueId().getNodeId();
        eventListeners.computeIfAbsent(item, i -> {
            EventListener listener = event -> {
                if (notifier.equals(event.getSourceNode())) {
                    i.onEvent(event);
                }
            };
            getServer().getEventNotifier().register(listener);
            return listener;
        });
    }

    private void unregisterEventItem(EventItem item) {
        EventListener listener = eventListeners.remove(item);
        if (listener != null) {
            getServer().getEventNotifier().unregister(listener);
        }
    }
}
