package org.openfactory.simulator.opcua;

import java.util.List;
import java.util.Set;
import java.util.function.DoubleConsumer;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The address space of the simulated device: a {@code TemperatureController} folder under Objects with five
 * variables. Monitored items are served by sampling the node values ({@link SubscriptionModel}).
 */
final class TemperatureControllerNamespace extends ManagedNamespaceWithLifecycle {

    /** Fastest rate at which the device lets clients sample its variables, in milliseconds. */
    private static final double MIN_SAMPLING_INTERVAL = 50.0;

    private final SubscriptionModel subscriptionModel;
    private final DoubleConsumer setpointWritten;

    private UaVariableNode temperature;
    private UaVariableNode setpoint;
    private UaVariableNode heaterOn;
    private UaVariableNode mode;
    private UaVariableNode alarm;

    /**
     * @param setpointWritten told the new setpoint whenever the Setpoint node's value changes, including writes
     *                        from OPC UA clients
     */
    TemperatureControllerNamespace(OpcUaServer server, DoubleConsumer setpointWritten) {
        super(server, TemperatureControllerServer.NAMESPACE_URI);
        this.setpointWritten = setpointWritten;
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

        temperature = variable(folder, "Temperature", NodeIds.Double, AccessLevel.READ_ONLY);
        setpoint = variable(folder, "Setpoint", NodeIds.Double, AccessLevel.READ_WRITE);
        heaterOn = variable(folder, "HeaterOn", NodeIds.Boolean, AccessLevel.READ_ONLY);
        mode = variable(folder, "Mode", NodeIds.String, AccessLevel.READ_ONLY);
        alarm = variable(folder, "Alarm", NodeIds.Boolean, AccessLevel.READ_ONLY);

        setpoint.addAttributeObserver((node, attributeId, value) -> {
            if (attributeId == AttributeId.Value && value instanceof DataValue dv
                    && dv.value().value() instanceof Double d) {
                setpointWritten.accept(d);
            }
        });
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
}
