package org.openfactory.ingestion.northbound.opcua;

import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.ConnectorContext;
import org.openfactory.ingestion.connector.ConnectorFactory;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.ConnectorBinding;

/**
 * OPC UA connectors with the platform's default settings and the context's threads. The security configuration
 * (PKI folder, trust of server certificates, where passwords are found) is read from MicroProfile Config once, on
 * the first connector, and shared by all.
 */
public final class OpcUaConnectorFactory implements ConnectorFactory {

    private volatile OpcUaSecurityConfig security;

    @Override
    public String type() {
        return ConnectorBinding.OPCUA;
    }

    private OpcUaSecurityConfig security() {
        OpcUaSecurityConfig config = security;
        if (config == null) {
            config = OpcUaSecurityConfig.fromEnvironment();
            security = config;
        }
        return config;
    }

    @Override
    public Connector create(AssetDefinition asset, ConnectorContext context) {
        return new OpcUaConnector(asset, context.source(), context.samples(),
                OpcUaConnectorSettings.defaults().withThreadFactory(context.threads()), security());
    }
}
