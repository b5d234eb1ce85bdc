package org.openfactory.ingestion.northbound.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A device that publishes exactly what a test tells it to, good or broken, through the real broker: for the faults
 * the simulated devices do not make by themselves.
 */
final class RawPublisher implements AutoCloseable {

    private final MqttClient client;

    RawPublisher(String brokerUrl) throws MqttException {
        client = new MqttClient(brokerUrl, "raw-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
    }

    void publish(String topic, String payload, String contentType, Map<String, String> userProperties)
            throws MqttException {
        MqttProperties properties = new MqttProperties();
        if (contentType != null) {
            properties.setContentType(contentType);
        }
        List<UserProperty> user = new ArrayList<>();
        userProperties.forEach((k, v) -> user.add(new UserProperty(k, v)));
        properties.setUserProperties(user);
        client.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, properties));
    }

    /** A CloudEvent in binary mode with JSON data. */
    void cloudEvent(String topic, String data, Instant time) throws MqttException {
        publish(topic, data, "application/json", attributes(time));
    }

    void json(String topic, String payload) throws MqttException {
        publish(topic, payload, "application/json", Map.of());
    }

    static Map<String, String> attributes(Instant time) {
        return Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(), "source", "/test/raw",
                "type", "test.reading", "time", time.toString());
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
