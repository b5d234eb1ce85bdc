package org.openfactory.ingestion.northbound.mtconnect;

import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.ConnectorContext;
import org.openfactory.ingestion.connector.ConnectorFactory;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.ConnectorBinding;

/** Makes {@link MtConnectConnector}s for assets whose connector type is {@code mtconnect}. */
public final class MtConnectConnectorFactory implements ConnectorFactory {

    @Override
    public String type() {
        return ConnectorBinding.MTCONNECT;
    }

    @Override
    public Connector create(AssetDefinition asset, ConnectorContext context) {
        return new MtConnectConnector(asset, context.source(), context.samples(),
                MtConnectConnectorSettings.defaults().withThreadFactory(context.threads()));
    }
}
