package org.openfactory.ingestion.northbound.mqtt;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openfactory.registry.asset.MqttSource;

/**
 * Plain JSON payloads: a data item's value is found by its {@code jsonPointer} (the whole payload without one). The
 * observation time is the payload's top-level {@code timestamp} field, else its {@code time} field (an RFC 3339 /
 * ISO 8601 time with offset, or epoch milliseconds), else the receive time.
 */
public final class JsonPayload implements MqttMessageDecoder {

    static final String[] TIME_FIELDS = {"timestamp", "time"};

    @Override
    public Reading decode(MqttMessage message, Instant receivedAt) throws BadPayloadException {
        byte[] payload = message.getPayload();
        JsonNode root;
        try {
            root = payload.length == 0 ? null : JSON.readTree(payload);
        } catch (IOException e) {
            throw new BadPayloadException("payload is not JSON (" + MqttMessageDecoder.preview(payload) + ")", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadPayloadException("payload is empty");
        }
        return new Reading(root, observedAt(root, receivedAt));
    }

    @Override
    public JsonNode valueOf(Reading reading, MqttSource source) throws BadPayloadException {
        if (source.jsonPointer() == null || source.jsonPointer().isEmpty()) {
            return reading.data();
        }
        JsonNode value = reading.data().at(JsonPointer.compile(source.jsonPointer()));
        if (value.isMissingNode()) {
            throw new BadPayloadException("the payload has nothing at jsonPointer '" + source.jsonPointer() + "'");
        }
        return value;
    }

    static Instant observedAt(JsonNode root, Instant receivedAt) throws BadPayloadException {
        if (!root.isObject()) {
            return receivedAt;
        }
        for (String field : TIME_FIELDS) {
            JsonNode time = root.get(field);
            if (time != null && !time.isNull()) {
                return parseTime(field, time);
            }
        }
        return receivedAt;
    }

    private static Instant parseTime(String field, JsonNode time) throws BadPayloadException {
        if (time.isIntegralNumber() && time.canConvertToLong()) {
            return Instant.ofEpochMilli(time.asLong());
        }
        if (time.isTextual()) {
            try {
                return OffsetDateTime.parse(time.asText()).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new BadPayloadException("'" + field + "' is neither an RFC 3339 time with offset nor epoch "
                + "milliseconds: " + time);
    }
}
