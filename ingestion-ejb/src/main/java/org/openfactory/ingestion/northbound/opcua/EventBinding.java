package org.openfactory.ingestion.northbound.opcua;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.openfactory.model.value.Category;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.OpcUaSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CONDITION data item and the OPC UA event notifier whose events it follows ({@code opcua.nodeId}: an object
 * with the SubscribeToEvents bit, e.g. the alarm's source object, or the Server object for all events).
 */
record EventBinding(DataItemDefinition item, NodeId nodeId) implements MonitoredBinding {

    private static final Logger LOG = LoggerFactory.getLogger(EventBinding.class);

    /** The CONDITION items of {@code asset}; one without a usable node id is logged and left out. */
    static List<EventBinding> of(AssetDefinition asset) {
        var bindings = new ArrayList<EventBinding>();
        for (DataItemDefinition item : asset.dataItems()) {
            if (item.category() != Category.CONDITION) {
                continue;
            }
            if (!(item.source() instanceof OpcUaSource opcua)) {
                LOG.error("Asset {}: condition {} is not monitored: it has a {} mapping, not an OPC UA one",
                        asset.id(), item.id(), item.source().connectorType());
                continue;
            }
            if (opcua.nodeId() == null) {
                LOG.error("Asset {}: condition {} is not monitored: it needs opcua.nodeId naming an event notifier "
                        + "(browsePath not supported yet)", asset.id(), item.id());
                continue;
            }
            Optional<NodeId> nodeId = NodeBinding.parse(opcua.nodeId());
            if (nodeId.isPresent()) {
                bindings.add(new EventBinding(item, nodeId.get()));
            } else {
                LOG.error("Asset {}: condition {} is not monitored: opcua.nodeId is '{}', expected an OPC UA node id "
                        + "such as ns=2;s=Folder/Object", asset.id(), item.id(), opcua.nodeId());
            }
        }
        return List.copyOf(bindings);
    }
}
