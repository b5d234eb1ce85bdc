package org.openfactory.ingestion.northbound.modbus;

import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.ConnectorContext;
import org.openfactory.ingestion.connector.ConnectorFactory;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.ConnectorBinding;

/** Modbus TCP connectors with the platform's default settings and the context's threads. */
public final class ModbusConnectorFactory implements ConnectorFactory {

    @Override
    public String type() {
        return ConnectorBinding.MODBUS;
    }

    @Override
    public Connector create(AssetDefinition asset, ConnectorContext context) {
        return new ModbusConnector(asset, context.source(), context.samples(), context.clock(),
                ModbusConnectorSettings.defaults().withThreadFactory(context.threads()));
    }
}
