package org.openfactory.ingestion.northbound.mqtt;

import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.ConnectorContext;
import org.openfactory.ingestion.connector.ConnectorFactory;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.ConnectorBinding;

/**
 * MQTT connectors with the context's threads and clock; the command timeout and session expiry come from the
 * environment ({@link MqttConnectorSettings#fromEnvironment()}), the client id from the connector's source.
 */
public final class MqttConnectorFactory implements ConnectorFactory {

    private final MqttConnectorSettings settings;

    public MqttConnectorFactory() {
        this(MqttConnectorSettings.fromEnvironment());
    }

    public MqttConnectorFactory(MqttConnectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public String type() {
        return ConnectorBinding.MQTT;
    }

    @Override
    public Connector create(AssetDefinition asset, ConnectorContext context) {
        return new MqttConnector(asset, context.source(), context.samples(), context.clock(),
                settings.withThreadFactory(context.threads()));
    }
}
