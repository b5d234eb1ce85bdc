package org.openfactory.model.envelope;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;

import org.openfactory.model.event.EventTypes;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/**
 * Turns {@link SampleObserved} into CloudEvents 1.0 in structured JSON mode and back.
 * Structured mode keeps the whole event in the record value, so streaming SQL, sinks and plain tools see it all.
 */
public final class SampleEventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final String INGEST_TIME = "ingesttime";
    /** CloudEvents partitioning extension: the Kafka record key. */
    public static final String PARTITION_KEY = "partitionkey";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat FORMAT = new JsonFormat();

    private SampleEventCodec() {
    }

    /** The event id: a name-based UUID of what was observed, so a re-sent observation keeps its id. */
    public static String idOf(URI source, SampleObserved sample) {
        String name = source + "|" + sample.subject() + "|" + sample.observedAt() + "|" + sample.value().type() + "|"
                + sample.value().text();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Envelope<SampleObserved> envelope(URI source, SampleObserved sample, Instant ingestedAt) {
        return new Envelope<>(idOf(source, sample), source, EventTypes.SAMPLE_OBSERVED, sample.subject(),
                sample.observedAt(), ingestedAt, sample);
    }

    public static byte[] encode(Envelope<SampleObserved> envelope) {
        return FORMAT.serialize(toCloudEvent(envelope));
    }

    public static CloudEvent toCloudEvent(Envelope<SampleObserved> envelope) {
        SampleObserved sample = envelope.payload();
        return CloudEventBuilder.v1()
                .withId(envelope.id())
                .withSource(envelope.source())
                .withType(envelope.type())
                .withSubject(envelope.subject())
                .withTime(envelope.time().atOffset(ZoneOffset.UTC))
                .withExtension(INGEST_TIME, envelope.ingestedAt().toString())
                .withExtension(PARTITION_KEY, sample.assetId())
                .withDataContentType("application/json")
                .withData(dataOf(sample))
                .build();
    }

    /**
     * @throws MalformedEventException naming the attribute or field that is missing or wrong
     */
    public static Envelope<SampleObserved> decode(byte[] bytes) {
        CloudEvent event;
        try {
            event = FORMAT.deserialize(bytes);
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a CloudEvents JSON document: " + e.getMessage(), e);
        }
        if (!EventTypes.SAMPLE_OBSERVED.equals(event.getType())) {
            throw new MalformedEventException("event " + event.getId() + " has type '" + event.getType()
                    + "', expected '" + EventTypes.SAMPLE_OBSERVED + "'");
        }
        if (event.getTime() == null) {
            throw new MalformedEventException("event " + event.getId() + " has no 'time'");
        }
        if (event.getData() == null) {
            throw new MalformedEventException("event " + event.getId() + " has no 'data'");
        }
        Instant time = event.getTime().toInstant();
        SampleObserved sample = sampleOf(event.getId(), event.getData().toBytes(), time);
        return new Envelope<>(event.getId(), event.getSource(), event.getType(), event.getSubject(), time,
                ingestTimeOf(event), sample);
    }

    private static byte[] dataOf(SampleObserved sample) {
        ObjectNode data = JSON.createObjectNode();
        data.put("assetId", sample.assetId());
        data.put("dataItemId", sample.dataItemId());
        data.put("category", sample.category().name());
        data.put("valueType", sample.value().type().name());
        Value value = sample.value();
        if (value instanceof Value.Number n) {
            data.put("value", n.value());
        } else if (value instanceof Value.Integer i) {
            data.put("value", i.value());
        } else if (value instanceof Value.Text t) {
            data.put("value", t.value());
        } else if (value instanceof Value.Bool b) {
            data.put("value", b.value());
        } else if (value instanceof Value.Condition c) {
            ObjectNode condition = data.putObject("value");
            condition.put("level", c.level().name());
            condition.put("nativeCode", c.nativeCode());
            condition.put("message", c.message());
        } else {
            data.putNull("value");
        }
        if (sample.units() != null) {
            data.put("units", sample.units());
        }
        try {
            return JSON.writeValueAsBytes(data);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise sample " + sample.subject(), e);
        }
    }

    private static SampleObserved sampleOf(String id, byte[] bytes, Instant time) {
        JsonNode data;
        try {
            data = JSON.readTree(bytes);
        } catch (Exception e) {
            throw new MalformedEventException("event " + id + ": data is not JSON: " + e.getMessage(), e);
        }
        String assetId = requiredText(id, data, "assetId");
        String dataItemId = requiredText(id, data, "dataItemId");
        Category category = enumOf(id, Category.class, requiredText(id, data, "category"), "category");
        ValueType type = enumOf(id, ValueType.class, requiredText(id, data, "valueType"), "valueType");
        Value value = valueOf(id, type, data.get("value"));
        JsonNode units = data.get("units");
        return new SampleObserved(assetId, dataItemId, category, value, units == null ? null : units.asText(), time);
    }

    private static Value valueOf(String id, ValueType type, JsonNode node) {
        if (type == ValueType.UNAVAILABLE) {
            return Value.UNAVAILABLE;
        }
        if (node == null || node.isNull()) {
            throw new MalformedEventException("event " + id + ": data.value is missing for valueType " + type);
        }
        boolean fits = switch (type) {
            case DOUBLE -> node.isNumber();
            case INTEGER -> node.isIntegralNumber();
            case STRING -> node.isTextual();
            case BOOLEAN -> node.isBoolean();
            case CONDITION -> node.isObject() && node.hasNonNull("level");
            case UNAVAILABLE -> true;
        };
        if (!fits) {
            throw new MalformedEventException("event " + id + ": data.value " + node + " is not a " + type);
        }
        return switch (type) {
            case DOUBLE -> new Value.Number(node.asDouble());
            case INTEGER -> new Value.Integer(node.asLong());
            case STRING -> new Value.Text(node.asText());
            case BOOLEAN -> new Value.Bool(node.asBoolean());
            case CONDITION -> new Value.Condition(
                    enumOf(id, ConditionLevel.class, node.get("level").asText(), "value.level"),
                    textOrNull(node.get("nativeCode")), textOrNull(node.get("message")));
            case UNAVAILABLE -> Value.UNAVAILABLE;
        };
    }

    private static Instant ingestTimeOf(CloudEvent event) {
        Object raw = event.getExtension(INGEST_TIME);
        if (raw == null) {
            throw new MalformedEventException("event " + event.getId() + " has no '" + INGEST_TIME + "' extension");
        }
        try {
            return raw instanceof OffsetDateTime odt ? odt.toInstant() : Instant.parse(raw.toString());
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("event " + event.getId() + ": '" + INGEST_TIME + "' is not a timestamp: "
                    + raw, e);
        }
    }

    private static String requiredText(String id, JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedEventException("event " + id + ": data." + field + " is missing or not a string");
        }
        return node.asText();
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static <E extends Enum<E>> E enumOf(String id, Class<E> type, String name, String field) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + id + ": data." + field + " '" + name + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
