package org.openfactory.registry.asset;

import java.util.Objects;

/**
 * @param topic       the topic the value arrives on; no wildcards
 * @param jsonPointer RFC 6901 pointer to the value in a plain JSON payload, or null for the whole payload
 */
public record MqttSource(String topic, String jsonPointer) implements DataItemSource {

    public MqttSource {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String connectorType() {
        return ConnectorBinding.MQTT;
    }
}
