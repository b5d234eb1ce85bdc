package org.openfactory.ingestion.northbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.openfactory.registry.asset.MqttSource;

class CloudEventsPayloadTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TIME = Instant.parse("2024-05-01T08:30:00.125Z");
    private static final MqttSource SOURCE = new MqttSource("a/b", null);
    private final CloudEventsPayload decoder = new CloudEventsPayload();

    @Test
    void binaryModeTakesTheAttributesFromUserPropertiesAndTheDataFromThePayload() throws Exception {
        Reading reading = decoder.decode(binary("12.5", "application/json", attributes()), RECEIVED);
        assertEquals(TIME, reading.observedAt());
        assertEquals(new DoubleNode(12.5), decoder.valueOf(reading, SOURCE));
    }

    @Test
    void theDataMayBeAnObjectWithAValueAndExtensionsAreIgnored() throws Exception {
        Map<String, String> attributes = attributes();
        attributes.put("quality", "good");
        attributes.put("Not-An-Attribute", "x");
        Reading reading = decoder.decode(binary("{\"value\": true, \"unit\": \"-\"}", null, attributes), RECEIVED);
        assertEquals(BooleanNode.TRUE, decoder.valueOf(reading, SOURCE));
    }

    @Test
    void withoutTimeTheReceiveTimeIsTheObservationTime() throws Exception {
        Map<String, String> attributes = attributes();
        attributes.remove("time");
        assertEquals(RECEIVED, decoder.decode(binary("1", "application/json", attributes), RECEIVED).observedAt());
    }

    @Test
    void structuredModeIsRecognisedByItsContentType() throws Exception {
        String event = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/m\",\"type\":\"t\","
                + "\"time\":\"2024-05-01T08:30:00.125Z\",\"datacontenttype\":\"application/json\",\"data\":\"OFF\"}";
        Reading reading = decoder.decode(binary(event, "application/cloudevents+json", Map.of()), RECEIVED);
        assertEquals(TIME, reading.observedAt());
        assertEquals(new TextNode("OFF"), decoder.valueOf(reading, SOURCE));
    }

    @Test
    void whatIsNotAValidCloudEventIsRejectedWithTheReason() {
        for (String required : List.of("id", "source", "type")) {
            Map<String, String> attributes = attributes();
            attributes.remove(required);
            BadPayloadException e = assertThrows(BadPayloadException.class,
                    () -> decoder.decode(binary("1", "application/json", attributes), RECEIVED));
            assertTrue(e.getMessage().contains("'" + required + "'"), e.getMessage());
        }
        Map<String, String> badTime = attributes();
        badTime.put("time", "yesterday");
        assertRejected(binary("1", null, badTime), "not a valid CloudEvent");
        Map<String, String> oldVersion = attributes();
        oldVersion.put("specversion", "0.1");
        assertRejected(binary("1", null, oldVersion), "specversion '0.1' is not supported");
        assertRejected(binary("1", null, Map.of()), "no 'specversion' user property");
        assertRejected(binary("1", "text/plain", attributes()), "datacontenttype 'text/plain' is not supported");
        assertRejected(binary("", null, attributes()), "has no data");
        assertRejected(binary("{", "application/json", attributes()), "data is not JSON ({)");
        assertRejected(binary("{\"specversion\": \"1.0\"", "application/cloudevents+json", Map.of()),
                "not a structured CloudEvent");
    }

    @Test
    void aValuelessDataIsRejectedPerDataItem() throws Exception {
        Reading array = decoder.decode(binary("[1, 2]", null, attributes()), RECEIVED);
        assertEquals("the event's data is a JSON array, not a value",
                assertThrows(BadPayloadException.class, () -> decoder.valueOf(array, SOURCE)).getMessage());
        Reading object = decoder.decode(binary("{\"v\": 1}", null, attributes()), RECEIVED);
        assertThrows(BadPayloadException.class, () -> decoder.valueOf(object, SOURCE));
    }

    private void assertRejected(MqttMessage message, String reason) {
        BadPayloadException e = assertThrows(BadPayloadException.class, () -> decoder.decode(message, RECEIVED));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("specversion", "1.0");
        attributes.put("id", "e-1");
        attributes.put("source", "/meters/meter-1");
        attributes.put("type", "meter.reading");
        attributes.put("time", TIME.toString());
        return attributes;
    }

    static MqttMessage binary(String payload, String contentType, Map<String, String> attributes) {
        MqttProperties properties = new MqttProperties();
        properties.setContentType(contentType);
        List<UserProperty> user = new ArrayList<>();
        attributes.forEach((k, v) -> user.add(new UserProperty(k, v)));
        properties.setUserProperties(user);
        return new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, properties);
    }
}
