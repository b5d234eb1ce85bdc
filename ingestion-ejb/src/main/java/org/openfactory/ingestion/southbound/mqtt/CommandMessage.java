package org.openfactory.ingestion.southbound.mqtt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.mqtt.JsonValues;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.MqttConnection;

/**
 * The MQTT request of a command, in the connection's format. The data is the value of a write, or the arguments
 * array of a method call. {@code cloudevents}: binary mode, the data as JSON payload, the context attributes as user
 * properties ({@code id} is the command's correlation id). {@code json}: {@code {"value": ...}} for a write, the
 * arguments array for a call. Both carry the MQTT v5 response topic and the correlation id as correlation data.
 */
public final class CommandMessage {

    public static final String WRITE_TYPE = "org.openfactory.command.write.v1";
    public static final String CALL_TYPE = "org.openfactory.command.call.v1";
    public static final int QOS = 1;

    private CommandMessage() {
    }

    public static MqttMessage of(MqttConnection.Format format, DeviceCommand command, URI source, Instant now,
                                 String responseTopic) {
        JsonNode data = data(command);
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(responseTopic);
        properties.setCorrelationData(command.correlationId().getBytes(StandardCharsets.UTF_8));
        properties.setContentType("application/json");
        JsonNode payload = data;
        if (format == MqttConnection.Format.CLOUDEVENTS) {
            properties.setUserProperties(List.of(
                    new UserProperty("specversion", "1.0"),
                    new UserProperty("id", command.correlationId()),
                    new UserProperty("source", source.toString()),
                    new UserProperty("type", command.isMethodCall() ? CALL_TYPE : WRITE_TYPE),
                    new UserProperty("subject", command.describeTarget()),
                    new UserProperty("time", now.toString())));
        } else if (!command.isMethodCall()) {
            ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
            wrapped.set("value", data);
            payload = wrapped;
        }
        MqttMessage message = new MqttMessage(payload.toString().getBytes(StandardCharsets.UTF_8), QOS, false,
                properties);
        return message;
    }

    private static JsonNode data(DeviceCommand command) {
        if (!command.isMethodCall()) {
            return JsonValues.toJson(command.value());
        }
        ArrayNode arguments = JsonNodeFactory.instance.arrayNode();
        for (Value argument : command.arguments()) {
            arguments.add(JsonValues.toJson(argument));
        }
        return arguments;
    }
}
