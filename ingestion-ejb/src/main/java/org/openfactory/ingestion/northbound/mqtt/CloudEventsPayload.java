package org.openfactory.ingestion.northbound.mqtt;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.openfactory.registry.asset.MqttSource;

/**
 * The CloudEvents MQTT v5 binding. Binary mode: the context attributes are MQTT user properties ({@code specversion},
 * {@code id}, {@code source}, {@code type}, optional {@code time}, {@code subject}, extensions), the MQTT content type
 * is the {@code datacontenttype} and the payload is the data. Structured mode: content type
 * {@code application/cloudevents+json} and the whole event in the payload.
 *
 * <p>The data is JSON: either the value itself (a scalar, the canonical form) or an object with a {@code value}
 * field. The observation time is the event's {@code time}, else the receive time.
 */
public final class CloudEventsPayload implements MqttMessageDecoder {

    private static final JsonFormat STRUCTURED = new JsonFormat();
    /** Context attribute names per the CloudEvents spec; other user properties are not attributes. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[a-z0-9]{1,20}$");

    @Override
    public Reading decode(MqttMessage message, Instant receivedAt) throws BadPayloadException {
        MqttProperties properties = message.getProperties();
        String contentType = properties == null ? null : properties.getContentType();
        CloudEvent event = isStructured(contentType) ? structured(message.getPayload()) : binary(message, contentType);
        return new Reading(data(event), event.getTime() == null ? receivedAt : event.getTime().toInstant());
    }

    @Override
    public JsonNode valueOf(Reading reading, MqttSource source) throws BadPayloadException {
        JsonNode data = reading.data();
        if (data.isObject()) {
            JsonNode value = data.get("value");
            if (value == null) {
                throw new BadPayloadException("the event's data is a JSON object without a 'value' field");
            }
            return value;
        }
        if (data.isArray()) {
            throw new BadPayloadException("the event's data is a JSON array, not a value");
        }
        return data;
    }

    private static boolean isStructured(String contentType) {
        return contentType != null && mediaType(contentType).equals(JsonFormat.CONTENT_TYPE);
    }

    private static CloudEvent structured(byte[] payload) throws BadPayloadException {
        try {
            return STRUCTURED.deserialize(payload);
        } catch (RuntimeException e) { // CloudEventRWException, and Jackson's for broken JSON
            throw new BadPayloadException("not a structured CloudEvent: " + rootMessage(e), e);
        }
    }

    private static CloudEvent binary(MqttMessage message, String contentType) throws BadPayloadException {
        Map<String, String> attributes = attributes(message.getProperties());
        String specVersion = attributes.remove("specversion");
        if (specVersion == null) {
            throw new BadPayloadException("not a CloudEvent: no 'specversion' user property (binary mode) and the "
                    + "content type is " + (contentType == null ? "not set" : "'" + contentType + "'")
                    + ", not " + JsonFormat.CONTENT_TYPE + " (structured mode)");
        }
        CloudEventBuilder builder;
        try {
            builder = CloudEventBuilder.fromSpecVersion(SpecVersion.parse(specVersion));
        } catch (RuntimeException e) {
            throw new BadPayloadException("CloudEvents specversion '" + specVersion + "' is not supported", e);
        }
        String dataContentType = attributes.remove("datacontenttype");
        try {
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                builder.withContextAttribute(attribute.getKey(), attribute.getValue());
            }
            // the binding carries datacontenttype as the MQTT content type; a user property is the fallback
            String type = contentType != null ? contentType : dataContentType;
            if (type != null) {
                builder.withDataContentType(type);
            }
            builder.withData(message.getPayload());
            return builder.build();
        } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
            throw new BadPayloadException("not a valid CloudEvent: " + rootMessage(e), e);
        }
    }

    /** The user properties that can be context attributes; the first of a repeated name wins. */
    private static Map<String, String> attributes(MqttProperties properties) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (properties != null && properties.getUserProperties() != null) {
            for (UserProperty p : properties.getUserProperties()) {
                if (ATTRIBUTE_NAME.matcher(p.getKey()).matches()) {
                    attributes.putIfAbsent(p.getKey(), p.getValue());
                }
            }
        }
        return attributes;
    }

    private static JsonNode data(CloudEvent event) throws BadPayloadException {
        String type = event.getDataContentType();
        if (type != null && !isJson(type)) {
            throw new BadPayloadException("event " + event.getId() + ": datacontenttype '" + type
                    + "' is not supported (use application/json)");
        }
        byte[] bytes = event.getData() == null ? new byte[0] : event.getData().toBytes();
        if (bytes.length == 0) {
            throw new BadPayloadException("event " + event.getId() + " has no data");
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new BadPayloadException("event " + event.getId() + ": data is not JSON ("
                    + MqttMessageDecoder.preview(bytes) + ")", e);
        }
    }

    private static boolean isJson(String contentType) {
        String media = mediaType(contentType);
        return media.equals("application/json") || media.endsWith("+json") || media.equals("text/json");
    }

    /** {@code application/json; charset=utf-8} -> {@code application/json}. */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
