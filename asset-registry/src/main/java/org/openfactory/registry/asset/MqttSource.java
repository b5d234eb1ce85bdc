package org.openfactory.registry.asset;

/**
 * Where an MQTT data item's values arrive and where commands for it go.
 *
 * @param topic        the topic the value arrives on, no wildcards; null only for a METHOD item (it has no value
 *                     stream, only calls)
 * @param jsonPointer  RFC 6901 pointer to the value in a plain JSON payload, or null for the whole payload
 * @param commandTopic where writes (or a METHOD's calls) are published, no wildcards; required for writable and
 *                     METHOD items, null otherwise
 */
public record MqttSource(String topic, String jsonPointer, String commandTopic) implements DataItemSource {

    public MqttSource {
        if (topic == null && commandTopic == null) {
            throw new IllegalArgumentException("an MQTT mapping needs a topic, a commandTopic or both");
        }
    }

    /** A read-only mapping. */
    public MqttSource(String topic, String jsonPointer) {
        this(topic, jsonPointer, null);
    }

    @Override
    public String connectorType() {
        return ConnectorBinding.MQTT;
    }
}
