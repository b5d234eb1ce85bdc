package org.openfactory.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;

class SampleEventCodecTest {

    private static final URI SOURCE = URI.create("/openfactory/test/opcua/tc-1");
    private static final Instant DEVICE_TIME = Instant.parse("2026-11-24T10:15:30.125Z");
    private static final Instant INGESTED = Instant.parse("2026-11-24T10:15:30.200Z");

    @Test
    void everyValueTypeSurvivesTheRoundTrip() {
        List<Value> values = List.of(new Value.Number(21.5), new Value.Integer(Long.MAX_VALUE),
                new Value.Text("AUTO"), new Value.Bool(true),
                new Value.Condition(ConditionLevel.WARNING, "HI-TEMP", "Temperature high"), Value.UNAVAILABLE);
        for (Value value : values) {
            SampleObserved sample = new SampleObserved("tc-1", "x", Category.SAMPLE, value, "CELSIUS", DEVICE_TIME);
            Envelope<SampleObserved> decoded =
                    EventCodecs.SAMPLE.decode(EventCodecs.SAMPLE.encode(EventCodecs.SAMPLE.envelope(SOURCE, sample, INGESTED)));
            assertEquals(sample, decoded.payload(), "round trip of " + value);
            assertEquals(INGESTED, decoded.ingestedAt());
            assertEquals(SOURCE, decoded.source());
        }
    }

    @Test
    void theEnvelopeCarriesTheCloudEventsAttributesInStructuredJson() throws Exception {
        SampleObserved sample = new SampleObserved("tc-1", "temperature", Category.SAMPLE, new Value.Number(21.5),
                "CELSIUS", DEVICE_TIME);
        byte[] bytes = EventCodecs.SAMPLE.encode(EventCodecs.SAMPLE.envelope(SOURCE, sample, INGESTED));
        JsonNode json = new ObjectMapper().readTree(bytes);
        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("org.openfactory.sample.v1", json.get("type").asText());
        assertEquals("tc-1/temperature", json.get("subject").asText());
        assertEquals(SOURCE.toString(), json.get("source").asText());
        assertEquals(DEVICE_TIME, Instant.parse(json.get("time").asText()));
        assertEquals(INGESTED.toString(), json.get("ingesttime").asText());
        assertEquals("tc-1", json.get("partitionkey").asText());
        // typed value: a JSON number, not a string
        assertTrue(json.get("data").get("value").isNumber());
        assertEquals("DOUBLE", json.get("data").get("valueType").asText());
    }

    @Test
    void theIdIsStableForTheSameObservationAndDiffersForAnother() {
        SampleObserved a = new SampleObserved("tc-1", "t", Category.SAMPLE, new Value.Number(1), null, DEVICE_TIME);
        SampleObserved b = new SampleObserved("tc-1", "t", Category.SAMPLE, new Value.Number(2), null, DEVICE_TIME);
        assertEquals(EventCodecs.SAMPLE.idOf(SOURCE, a), EventCodecs.SAMPLE.idOf(SOURCE, a));
        assertNotEquals(EventCodecs.SAMPLE.idOf(SOURCE, a), EventCodecs.SAMPLE.idOf(SOURCE, b));
        assertNotEquals(EventCodecs.SAMPLE.idOf(SOURCE, a),
                EventCodecs.SAMPLE.idOf(SOURCE, new SampleObserved("tc-1", "t", Category.SAMPLE, new Value.Number(1),
                        null, DEVICE_TIME.plusMillis(1))));
    }

    @Test
    void corruptPayloadsAreRejectedWithAMessageNamingTheProblem() {
        assertMalformed("{not json", "not a CloudEvents JSON document");
        String base = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"type\":\"org.openfactory.sample.v1\","
                + "\"time\":\"2026-11-24T10:15:30Z\",\"ingesttime\":\"2026-11-24T10:15:31Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":";
        assertMalformed(base + "{\"assetId\":\"tc-1\",\"dataItemId\":\"t\",\"category\":\"SAMPLE\","
                + "\"valueType\":\"DOUBLE\",\"value\":\"hot\"}}", "data.value \"hot\" is not a DOUBLE");
        assertMalformed(base + "{\"dataItemId\":\"t\",\"category\":\"SAMPLE\",\"valueType\":\"DOUBLE\",\"value\":1}}",
                "data.assetId is missing");
        assertMalformed(base + "{\"assetId\":\"tc-1\",\"dataItemId\":\"t\",\"category\":\"SAMPLE\","
                + "\"valueType\":\"COMPLEX\",\"value\":1}}", "data.valueType 'COMPLEX' is not one of");
        assertMalformed(base.replace("org.openfactory.sample.v1", "com.example.other") + "{}}",
                "has type 'com.example.other'");
        assertMalformed(base.replace("\"ingesttime\":\"2026-11-24T10:15:31Z\",", "") + "{\"assetId\":\"tc-1\","
                + "\"dataItemId\":\"t\",\"category\":\"SAMPLE\",\"valueType\":\"DOUBLE\",\"value\":1}}",
                "no 'ingesttime'");
    }

    private static void assertMalformed(String json, String expected) {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodecs.SAMPLE.decode(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' should name: " + expected);
    }
}
