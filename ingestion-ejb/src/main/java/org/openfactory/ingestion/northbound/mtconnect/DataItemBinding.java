package org.openfactory.ingestion.northbound.mtconnect;

import org.openfactory.registry.asset.DataItemDefinition;

/** A data item of the asset and the agent's data item it is read from, as the probe describes it. */
record DataItemBinding(DataItemDefinition item, DataItemModel agentItem) {

    /** The asset file's units; the probe's when the file gives none. */
    String units() {
        return item.units() != null ? item.units() : agentItem.units();
    }

    String agentItemId() {
        return agentItem.id();
    }
}
