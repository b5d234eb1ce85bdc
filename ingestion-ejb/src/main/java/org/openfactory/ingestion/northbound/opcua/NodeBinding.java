package org.openfactory.ingestion.northbound.opcua;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A data item of an asset and the OPC UA node it is read from ({@code source.nodeId} in the asset file). */
record NodeBinding(DataItemDefinition item, NodeId nodeId) {

    static final String NODE_ID_KEY = "nodeId";

    private static final Logger LOG = LoggerFactory.getLogger(NodeBinding.class);

    /** The bindable data items of {@code asset}; each one without a usable node id is logged and left out. */
    static List<NodeBinding> of(AssetDefinition asset) {
        var bindings = new ArrayList<NodeBinding>();
        for (DataItemDefinition item : asset.dataItems()) {
            String text = item.source().get(NODE_ID_KEY);
            Optional<NodeId> nodeId = text == null ? Optional.empty() : parse(text);
            if (nodeId.isPresent()) {
                bindings.add(new NodeBinding(item, nodeId.get()));
            } else {
                LOG.error("Asset {}: data item {} is not monitored: source.{} is {}, expected an OPC UA node id "
                        + "such as ns=2;s=Folder/Variable", asset.id(), item.id(), NODE_ID_KEY,
                        text == null ? "missing" : "'" + text + "'");
            }
        }
        return List.copyOf(bindings);
    }

    private static Optional<NodeId> parse(String text) {
        try {
            return NodeId.parseSafe(text.strip());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
