package org.openfactory.model.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;

/**
 * The single-pass sample decoder against the generic one (CloudEvents SDK, then the data), on generated events and
 * on many variations and corruptions of them: both must accept the same documents with equal results and reject the
 * same ones with the same message.
 */
class SampleFastPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudEventCodec<SampleObserved> GENERIC = new CloudEventCodec<>(new SampleFormat());
    private static final SampleEventReader FAST = new SampleEventReader();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void encodedEventsTakeTheFastPathAndDecodeAsTheGenericPathDoes() {
        Random random = new Random(6);
        for (int i = 0; i < 5_000; i++) {
            Envelope<SampleObserved> envelope = randomEnvelope(random, i);
            byte[] bytes = EventCodecs.SAMPLE.encode(envelope);
            if (envelope.payload().value() instanceof Value.Number n && Double.isNaN(n.value())) {
                assertSameOutcome(bytes); // written as the string "NaN": both reject it
                continue;
            }
            Envelope<SampleObserved> fast = FAST.read(bytes);
            assertNotNull(fast, () -> "fast path refused " + new String(bytes, StandardCharsets.UTF_8));
            assertEquals(GENERIC.decodeGeneric(bytes), fast);
            assertEquals(fast, EventCodecs.SAMPLE.decode(bytes));
        }
    }

    @Test
    void roundTripOfEveryValueTypeThroughTheFastPath() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Envelope<SampleObserved> envelope = randomEnvelope(random, i);
            if (envelope.payload().value() instanceof Value.Number n && Double.isNaN(n.value())) {
                continue; // NaN is written as a string, which no path reads back as a DOUBLE
            }
            assertEquals(envelope, EventCodecs.SAMPLE.decode(EventCodecs.SAMPLE.encode(envelope)));
        }
    }

    @Test
    void variationsAndCorruptionsAreAcceptedOrRejectedAsByTheGenericPath() throws Exception {
        Random random = new Random(8);
        int documents = 0;
        int fastHits = 0;
        for (int i = 0; i < 60; i++) {
            ObjectNode event = (ObjectNode) JSON.readTree(EventCodecs.SAMPLE.encode(randomEnvelope(random, i)));
            for (String document : variations(event)) {
                documents++;
                byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
                assertSameOutcome(bytes);
                if (FAST.read(bytes) != null) {
                    fastHits++;
                }
            }
        }
        int total = documents;
        int hits = fastHits;
        assertTrue(hits > total / 10 && hits < total, () -> hits + " of " + total + " on the fast path");
    }

    @Test
    void everyTruncationIsRejectedAsByTheGenericPath() {
        Random random = new Random(9);
        for (int i = 0; i < 6; i++) {
            byte[] bytes = EventCodecs.SAMPLE.encode(randomEnvelope(random, i));
            for (int n = 0; n < bytes.length; n++) {
                assertSameOutcome(java.util.Arrays.copyOf(bytes, n));
            }
        }
    }

    @Test
    void handWrittenOddities() {
        String base = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"type\":\"org.openfactory.sample.v1\","
                + "\"datacontenttype\":\"application/json\",\"time\":\"%s\",\"ingesttime\":\"%s\",\"data\":%s}";
        String data = "{\"assetId\":\"a\",\"dataItemId\":\"d\",\"category\":\"SAMPLE\",\"valueType\":\"%s\",\"value\":%s}";
        List<String> times = List.of("2026-11-24T10:15:30Z", "2026-11-24T10:15:30.1Z", "2026-11-24T10:15:30.123456789Z",
                "2026-11-24T10:15:30.1234567891Z", "2026-11-24T10:15:30.Z", "2026-11-24T10:15:30+02:00",
                "2026-11-24t10:15:30z", "2026-11-24T10:15:60Z", "2026-11-24T24:00:00Z", "2026-02-29T10:15:30Z",
                "2028-02-29T10:15:30Z", "2026-04-31T10:15:30Z", "2026-13-01T10:15:30Z", "0000-01-01T00:00:00Z",
                "2026-11-24T10:15Z", "2026-11-24 10:15:30Z", "+12026-11-24T10:15:30Z", "2026-11-24T10:15:30.000Z",
                "", "x");
        List<String[]> values = List.of(new String[] {"DOUBLE", "1"}, new String[] {"DOUBLE", "-0.0"},
                new String[] {"DOUBLE", "1e309"}, new String[] {"DOUBLE", "123456789012345678901234567890"},
                new String[] {"DOUBLE", "4.9E-324"}, new String[] {"DOUBLE", "\"NaN\""}, new String[] {"DOUBLE", "true"},
                new String[] {"INTEGER", "9223372036854775807"}, new String[] {"INTEGER", "9223372036854775808"},
                new String[] {"INTEGER", "-9223372036854775809"}, new String[] {"INTEGER", "1.0"},
                new String[] {"INTEGER", "1e3"}, new String[] {"STRING", "\"\\u00e9\\n\\\"\""},
                new String[] {"STRING", "\"\""}, new String[] {"STRING", "1"}, new String[] {"BOOLEAN", "false"},
                new String[] {"BOOLEAN", "\"true\""}, new String[] {"CONDITION", "{\"level\":\"FAULT\"}"},
                new String[] {"CONDITION", "{\"level\":\"fault\"}"}, new String[] {"CONDITION", "{\"level\":null}"},
                new String[] {"CONDITION", "{\"level\":1}"}, new String[] {"CONDITION", "{}"},
                new String[] {"CONDITION", "{\"level\":\"NORMAL\",\"nativeCode\":7,\"message\":[1]}"},
                new String[] {"CONDITION", "{\"level\":\"NORMAL\",\"level\":\"FAULT\"}"},
                new String[] {"CONDITION", "{\"message\":\"m\",\"level\":\"WARNING\",\"x\":{\"y\":[]}}"},
                new String[] {"CONDITION", "\"FAULT\""}, new String[] {"UNAVAILABLE", "{\"a\":[1,{}]}"},
                new String[] {"UNAVAILABLE", "null"}, new String[] {"DOUBLE", "null"},
                new String[] {"double", "1"});
        for (String time : times) {
            assertSameOutcome(String.format(base, time, "2026-11-24T10:15:31Z", String.format(data, "DOUBLE", "1")));
            assertSameOutcome(String.format(base, "2026-11-24T10:15:31Z", time, String.format(data, "DOUBLE", "1")));
        }
        for (String[] v : values) {
            assertSameOutcome(String.format(base, "2026-11-24T10:15:30Z", "2026-11-24T10:15:31Z",
                    String.format(data, v[0], v[1])));
        }
        String ok = String.format(base, "2026-11-24T10:15:30Z", "2026-11-24T10:15:31Z", String.format(data, "DOUBLE", "1"));
        for (String odd : List.of(ok + " ", ok + "x", ok + "{}", " " + ok, "\uFEFF" + ok, "[" + ok + "]", "null", "",
                "1", ok.replace("{\"assetId\"", "{\"assetId\":\"b\",\"assetId\""),
                ok.replace("\"id\":\"e1\"", "\"id\":\"e1\",\"id\":\"e2\""),
                ok.replace("\"source\":\"/s\"", "\"source\":\"a b\""),
                ok.replace("\"source\":\"/s\"", "\"source\":\"\""), ok.replace("\"id\":\"e1\"", "\"id\":\"\""),
                ok.replace("\"assetId\":\"a\"", "\"assetId\":\" \""), ok.replace("\"/s\"", "\"/s\",\"Ext\":1"),
                ok.replace("\"/s\"", "\"/s\",\"ext_x\":1"), ok.replace("\"/s\"", "\"/s\",\"abcdefghijklmnopqrstu\":1"),
                ok.replace("\"/s\"", "\"/s\",\"abcdefghijklmnopqrst\":1.5"),
                ok.replace("\"/s\"", "\"/s\",\"x\":null"), ok.replace("\"/s\"", "\"/s\",\"x\":{}"),
                ok.replace("\"/s\"", "\"/s\",\"x\":[]"), ok.replace("\"/s\"", "\"/s\",\"x\":true"),
                ok.replace("\"/s\"", "\"/s\",\"dataschema\":\"http://x/y\""),
                ok.replace("\"/s\"", "\"/s\",\"dataschema\":\"a b\""),
                ok.replace("\"/s\"", "\"/s\",\"data_base64\":\"AA==\""),
                ok.replace("\"/s\"", "\"/s\",\"subject\":null"), ok.replace("\"/s\"", "\"/s\",\"subject\":\"a/d\""),
                ok.replace("\"application/json\"", "\"text/plain\""),
                ok.replace("\"application/json\"", "\"application/json; charset=utf-8\""),
                ok.replace(",\"datacontenttype\":\"application/json\"", ""),
                ok.replace("\"1.0\"", "\"0.3\""), ok.replace("\"1.0\"", "\"2.0\""), ok.replace("\"1.0\"", "1.0"),
                ok.replace("\"/s\"", "\"/s\",\"units\":\"mm\""), ok.replace("\"value\":1}", "\"value\":1,\"units\":2}"),
                ok.replace("\"value\":1}", "\"value\":1,\"units\":null}"),
                ok.replace("\"value\":1}", "\"value\":1,\"units\":\"mm\",\"units\":\"cm\"}"),
                ok.replace("\"value\":1}", "\"value\":1,\"extra\":{\"a\":[1,2,{\"b\":null}]}}"),
                ok.replace("\"category\":\"SAMPLE\"", "\"category\":\"EVENT\""),
                ok.replace("\"category\":\"SAMPLE\"", "\"category\":\"sample\""),
                ok.replace("\"category\":\"SAMPLE\",", ""), ok.replace("\"valueType\":\"DOUBLE\",", ""),
                ok.replace(",\"value\":1", ""), ok.replace("\"data\":{", "\"data\":\"{\"}").replace("1}}", "1}"))) {
            assertSameOutcome(odd);
        }
    }

    private static void assertSameOutcome(String document) {
        assertSameOutcome(document.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSameOutcome(byte[] bytes) {
        String expected = outcome(() -> GENERIC.decodeGeneric(bytes));
        assertEquals(expected, outcome(() -> EventCodecs.SAMPLE.decode(bytes)),
                () -> "for " + new String(bytes, StandardCharsets.UTF_8));
        Envelope<SampleObserved> fast = FAST.read(bytes);
        if (fast != null) {
            assertEquals(expected, fast.toString(), () -> "for " + new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String outcome(Supplier<Envelope<SampleObserved>> decode) {
        try {
            return decode.get().toString();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The event itself, each field removed or replaced by values of every JSON type, and reordered. */
    private static List<String> variations(ObjectNode event) {
        List<JsonNode> replacements = List.of(NODES.nullNode(), NODES.numberNode(1), NODES.numberNode(2.5),
                NODES.textNode(""), NODES.textNode("x"), NODES.booleanNode(true), NODES.objectNode(),
                NODES.arrayNode().add(1), NODES.textNode("2026-11-24T10:15:30.5Z"));
        List<String> out = new ArrayList<>();
        out.add(event.toString());
        for (ObjectNode target : List.of(event, (ObjectNode) event.get("data"))) {
            for (Iterator<String> names = target.deepCopy().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode original = target.get(name);
                target.remove(name);
                out.add(event.toString());
                for (JsonNode replacement : replacements) {
                    target.set(name, replacement);
                    out.add(event.toString());
                }
                target.set(name, original); // back, now last in the order
                out.add(event.toString());
            }
        }
        ObjectNode data = (ObjectNode) event.get("data");
        JsonNode value = data.get("value");
        if (value != null && value.isObject()) { // a condition: vary its fields too
            ObjectNode condition = (ObjectNode) value;
            for (String name : List.of("level", "nativeCode", "message", "other")) {
                JsonNode original = condition.get(name);
                for (JsonNode replacement : replacements) {
                    condition.set(name, replacement);
                    out.add(event.toString());
                }
                condition.remove(name);
                out.add(event.toString());
                if (original != null) {
                    condition.set(name, original);
                }
            }
        }
        return out;
    }

    static Envelope<SampleObserved> randomEnvelope(Random random, int i) {
        Value value = switch (random.nextInt(12)) {
            case 0 -> new Value.Number(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            case 1 -> new Value.Number(List.of(0.0, -0.0, Double.MAX_VALUE, Double.MIN_VALUE, -1e300, 1e-300,
                    Double.NaN, 42.0).get(random.nextInt(8)));
            case 2 -> new Value.Integer(random.nextLong());
            case 3 -> new Value.Integer(List.of(0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L, 1L << 53)
                    .get(random.nextInt(5)));
            case 4 -> new Value.Text(List.of("", " ", "AUTO", "é ü 漢字 \uD83D\uDE00", "quote \" and \\ and \n\t\u0001",
                    "{\"not\":\"json\"}").get(random.nextInt(6)));
            case 5 -> new Value.Bool(random.nextBoolean());
            case 6, 7 -> new Value.Condition(ConditionLevel.values()[random.nextInt(ConditionLevel.values().length)],
                    random.nextBoolean() ? null : "C" + random.nextInt(100),
                    random.nextBoolean() ? null : "message " + random.nextInt(100) + " \"q\"");
            default -> Value.UNAVAILABLE;
        };
        Category category = Category.values()[random.nextInt(Category.values().length)];
        String units = random.nextInt(3) == 0 ? null : List.of("CELSIUS", "MILLIMETER", "").get(random.nextInt(3));
        Instant time = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000),
                List.of(0, 125_000_000, 123_456_000, 123_456_789, 100).get(random.nextInt(5)));
        SampleObserved sample = new SampleObserved("m-" + i % 97, "item-" + random.nextInt(20), category, value,
                units, time);
        URI source = URI.create(List.of("/openfactory/opcua/m-1", "urn:x:y", "https://example.com/a?b=c#d",
                "/a%20b").get(random.nextInt(4)));
        Instant ingested = time.plusNanos(random.nextInt(1_000_000_000));
        return EventCodecs.SAMPLE.envelope(source, sample, ingested);
    }
}
