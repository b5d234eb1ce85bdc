package org.openfactory.ingestion.northbound.mqtt;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openfactory.registry.asset.MqttConnection;
import org.openfactory.registry.asset.MqttSource;

/**
 * Reads the payload layout of an MQTT connection ({@code format} in the asset file): first the whole message, once,
 * then the value of each data item on its topic.
 */
public sealed interface MqttMessageDecoder permits CloudEventsPayload, JsonPayload {

    /** Shared, thread-safe once configured. */
    ObjectMapper JSON = new ObjectMapper();

    static MqttMessageDecoder of(MqttConnection.Format format) {
        return format == MqttConnection.Format.CLOUDEVENTS ? new CloudEventsPayload() : new JsonPayload();
    }

    /**
     * @param receivedAt the observation time when the message carries none
     * @throws BadPayloadException naming what is wrong with the message
     */
    Reading decode(MqttMessage message, Instant receivedAt) throws BadPayloadException;

    /**
     * The JSON value of one data item in a reading.
     *
     * @throws BadPayloadException when the reading has no value for it
     */
    JsonNode valueOf(Reading reading, MqttSource source) throws BadPayloadException;

    /** The payload in a log line: short, printable. */
    static String preview(byte[] payload) {
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
