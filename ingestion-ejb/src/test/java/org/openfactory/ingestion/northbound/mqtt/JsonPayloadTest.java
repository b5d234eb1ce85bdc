package org.openfactory.ingestion.northbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.junit.jupiter.api.Test;
import org.openfactory.registry.asset.MqttSource;

class JsonPayloadTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    private final JsonPayload decoder = new JsonPayload();

    @Test
    void theJsonPointerFindsTheValueAndTheWholePayloadIsTheDefault() throws Exception {
        Reading reading = decode("{\"sensor\": {\"co2\": 612, \"a/b\": \"x\"}}");
        assertEquals(new IntNode(612), decoder.valueOf(reading, new MqttSource("t", "/sensor/co2")));
        assertEquals(new TextNode("x"), decoder.valueOf(reading, new MqttSource("t", "/sensor/a~1b")));
        assertEquals(reading.data(), decoder.valueOf(reading, new MqttSource("t", null)));
        assertEquals(new IntNode(5), decoder.valueOf(decode("5"), new MqttSource("t", null)));
        BadPayloadException e = assertThrows(BadPayloadException.class,
                () -> decoder.valueOf(reading, new MqttSource("t", "/sensor/temperature")));
        assertEquals("the payload has nothing at jsonPointer '/sensor/temperature'", e.getMessage());
    }

    @Test
    void theObservationTimeIsTimestampThenTimeThenTheReceiveTime() throws Exception {
        assertEquals(Instant.parse("2024-05-01T06:30:00Z"),
                decode("{\"timestamp\": \"2024-05-01T08:30:00+02:00\", \"time\": 1}").observedAt());
        assertEquals(Instant.ofEpochMilli(1714552200123L), decode("{\"time\": 1714552200123}").observedAt());
        assertEquals(RECEIVED, decode("{\"v\": 1}").observedAt());
        assertEquals(RECEIVED, decode("[1]").observedAt());
        for (String bad : new String[] {"{\"timestamp\": \"2024-05-01 08:30\"}", "{\"time\": true}",
                "{\"timestamp\": 1.5}"}) {
            BadPayloadException e = assertThrows(BadPayloadException.class, () -> decode(bad), bad);
            assertTrue(e.getMessage().contains("is neither an RFC 3339 time with offset nor epoch milliseconds"),
                    e.getMessage());
        }
    }

    @Test
    void brokenOrEmptyPayloadsAreRejected() {
        assertTrue(assertThrows(BadPayloadException.class, () -> decode("{\"a\": ")).getMessage()
                .startsWith("payload is not JSON ({\"a\": )"));
        assertEquals("payload is empty", assertThrows(BadPayloadException.class, () -> decode("")).getMessage());
    }

    private Reading decode(String payload) throws BadPayloadException {
        return decoder.decode(CloudEventsPayloadTest.binary(payload, "application/json", Map.of()), RECEIVED);
    }
}
