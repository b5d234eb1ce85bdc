package org.openfactory.simulator.mqtt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The CloudEvents MQTT v5 binding in binary mode, written by hand so the devices need no SDK: the context
 * attributes travel as MQTT user properties, {@code datacontenttype} as the MQTT content type and the data as the
 * payload.
 */
public final class CloudEventsBinary {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    private CloudEventsBinary() {
    }

    /** The properties of one event with JSON data, a fresh id and the given time. */
    public static MqttProperties properties(String source, String type, String subject, Instant time) {
        List<UserProperty> attributes = new ArrayList<>();
        attributes.add(new UserProperty("specversion", SPEC_VERSION));
        attributes.add(new UserProperty("id", UUID.randomUUID().toString()));
        attributes.add(new UserProperty("source", source));
        attributes.add(new UserProperty("type", type));
        if (subject != null) {
            attributes.add(new UserProperty("subject", subject));
        }
        attributes.add(new UserProperty("time", time.toString()));
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(attributes);
        properties.setContentType(JSON);
        return properties;
    }

    /** The context attributes of a received message, by name; empty when it carries none. */
    public static Map<String, String> attributes(MqttProperties properties) {
        Map<String, String> attributes = new HashMap<>();
        if (properties != null && properties.getUserProperties() != null) {
            for (UserProperty p : properties.getUserProperties()) {
                attributes.putIfAbsent(p.getKey(), p.getValue());
            }
        }
        return attributes;
    }
}
