package org.openfactory.registry.asset;

import java.util.Objects;

/** @param dataItemId the id of the data item in the MTConnect agent's device model */
public record MtConnectSource(String dataItemId) implements DataItemSource {

    public MtConnectSource {
        Objects.requireNonNull(dataItemId, "dataItemId");
    }

    @Override
    public String connectorType() {
        return ConnectorBinding.MTCONNECT;
    }
}
