package org.openfactory.ingestion.northbound.mtconnect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.MtConnectSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the asset's data items the connector reads, by the agent's dataItemId. Checked against the probe: an item
 * the agent does not have is logged and left out, and the others are read.
 */
final class DataItemBindings {

    private static final Logger LOG = LoggerFactory.getLogger(DataItemBindings.class);

    private final AssetDefinition asset;
    /** The asset's MTConnect-mapped items, by the agent's dataItemId; several may read the same one. */
    private final Map<String, List<DataItemDefinition>> declared = new LinkedHashMap<>();

    DataItemBindings(AssetDefinition asset) {
        this.asset = asset;
        for (DataItemDefinition item : asset.dataItems()) {
            if (item.source() instanceof MtConnectSource mtconnect) {
                declared.computeIfAbsent(mtconnect.dataItemId(), id -> new ArrayList<>()).add(item);
            } else {
                LOG.error("Asset {}: data item {} is not read: it has a {} mapping, not an MTConnect one", asset.id(),
                        item.id(), item.source().connectorType());
            }
        }
    }

    int declaredCount() {
        return declared.values().stream().mapToInt(List::size).sum();
    }

    /** The bindings the device offers, by the agent's dataItemId; logs each one it does not. */
    Map<String, List<DataItemBinding>> resolve(DeviceModel device, String agentUrl) {
        Map<String, List<DataItemBinding>> bound = new HashMap<>();
        declared.forEach((agentItemId, items) -> {
            Optional<DataItemModel> agentItem = device.dataItem(agentItemId);
            for (DataItemDefinition item : items) {
                if (agentItem.isEmpty()) {
                    LOG.error("Asset {}: data item {} is not read: the agent {} has no data item '{}' on device {}",
                            asset.id(), item.id(), agentUrl, agentItemId, device.name());
                    continue;
                }
                if (agentItem.get().category() != item.category()) {
                    LOG.warn("Asset {}: data item {} is declared {} but the agent {} has data item '{}' as {}; "
                            + "samples carry the agent's category", asset.id(), item.id(), item.category(), agentUrl,
                            agentItemId, agentItem.get().category());
                }
                bound.computeIfAbsent(agentItemId, id -> new ArrayList<>())
                        .add(new DataItemBinding(item, agentItem.get()));
            }
        });
        return bound;
    }
}
