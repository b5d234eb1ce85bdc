package org.openfactory.ingestion.northbound.opcua;

import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.ConnectorContext;
import org.openfactory.ingestion.connector.ConnectorFactory;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.ConnectorBinding;

/** OPC UA connectors with the platform's default settings and the context's threads. */
public final class OpcUaConnectorFactory implements ConnectorFactory {

    @Override
    public String type() {
        return ConnectorBinding.OPCUA;
    }

    @Override
    public Connector create(AssetDefinition asset, ConnectorContext context) {
        return new OpcUaConnector(asset, context.source(), context.samples(),
                OpcUaConnectorSettings.defaults().withThreadFactory(context.threads()));
    }
}
