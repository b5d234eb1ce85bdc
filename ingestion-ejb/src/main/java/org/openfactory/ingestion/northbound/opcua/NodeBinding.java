package org.openfactory.ingestion.northbound.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.openfactory.model.value.Category;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.OpcUaSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A data item of an asset and the OPC UA node it is read from ({@code opcua.nodeId} in the asset file). */
record NodeBinding(DataItemDefinition item, NodeId nodeId) implements MonitoredBinding {

    private static final Logger LOG = LoggerFactory.getLogger(NodeBinding.class);

    /**
     * The monitorable variables of {@code asset}. Methods are left out (commands call them), and so are conditions
     * ({@link EventBinding} monitors their events); every other item without a usable node id is logged and left
     * out, so the others still flow.
     */
    static List<NodeBinding> of(AssetDefinition asset) {
        var bindings = new ArrayList<NodeBinding>();
        for (DataItemDefinition item : asset.dataItems()) {
            if (item.category() == Category.CONDITION) {
                continue;
            }
            if (!(item.source() instanceof OpcUaSource opcua)) {
                LOG.error("Asset {}: data item {} is not monitored: it has a {} mapping, not an OPC UA one",
                        asset.id(), item.id(), item.source().connectorType());
                continue;
            }
            if (opcua.isMethod()) {
                LOG.debug("Asset {}: data item {} is a method ({}), called by commands, not monitored", asset.id(),
                        item.id(), opcua.methodId());
                continue;
            }
            if (opcua.isBrowsePath()) {
                // resolving browse paths (TranslateBrowsePathsToNodeIds) comes with a later connector version
                LOG.error("Asset {}: data item {} is not monitored: browsePath not supported yet ({}); use nodeId",
                        asset.id(), item.id(), opcua.browsePath());
                continue;
            }
            Optional<NodeId> nodeId = parse(opcua.nodeId());
            if (nodeId.isPresent()) {
                bindings.add(new NodeBinding(item, nodeId.get()));
            } else {
                LOG.error("Asset {}: data item {} is not monitored: opcua.nodeId is '{}', expected an OPC UA node id "
                        + "such as ns=2;s=Folder/Variable", asset.id(), item.id(), opcua.nodeId());
            }
        }
        return List.copyOf(bindings);
    }

    /** The item's own sampling interval, or {@code fallback} when the asset file sets none. */
    double samplingIntervalMs(double fallback) {
        return item.source() instanceof OpcUaSource opcua && opcua.samplingIntervalMs() != null
                ? opcua.samplingIntervalMs() : fallback;
    }

    /** The item's own queue size, or {@code fallback} when the asset file sets none. */
    int queueSize(int fallback) {
        return item.source() instanceof OpcUaSource opcua && opcua.queueSize() != null ? opcua.queueSize() : fallback;
    }

    /** An absolute deadband from the asset file as the device's data change filter, so it filters at the source. */
    Optional<DataChangeFilter> deadbandFilter() {
        if (item.source() instanceof OpcUaSource opcua && opcua.deadband() != null) {
            return Optional.of(new DataChangeFilter(DataChangeTrigger.StatusValue,
                    uint(DeadbandType.Absolute.getValue()), opcua.deadband()));
        }
        return Optional.empty();
    }

    static Optional<NodeId> parse(String text) {
        try {
            return NodeId.parseSafe(text.strip());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
