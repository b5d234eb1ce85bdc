package org.openfactory.model.envelope;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;

/**
 * CloudEvents 1.0 in structured JSON mode for one event type. Structured mode keeps the whole event in the record
 * value, so streaming SQL, sinks and plain tools see it all (docs/events.md).
 */
public final class CloudEventCodec<T> {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final String INGEST_TIME = "ingesttime";
    /** CloudEvents partitioning extension: the Kafka record key. */
    public static final String PARTITION_KEY = "partitionkey";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat FORMAT = new JsonFormat();

    private final PayloadFormat<T> format;
    private final Function<byte[], Envelope<T>> fastPath;

    public CloudEventCodec(PayloadFormat<T> format) {
        this(format, bytes -> null);
    }

    /**
     * @param fastPath a single-pass reader for the common shape of this event type; it answers null for any document
     *                 it is not sure of (every malformed one among them), which {@link #decode} then decodes the
     *                 generic way, so both accept the same documents and give the same errors
     */
    CloudEventCodec(PayloadFormat<T> format, Function<byte[], Envelope<T>> fastPath) {
        this.format = format;
        this.fastPath = fastPath;
    }

    /** The event id: a name-based UUID of the fact, so a re-sent fact keeps its id. */
    public String idOf(URI source, T payload) {
        String name = source + "|" + format.type(payload) + "|" + format.subject(payload) + "|" + format.time(payload)
                + "|" + format.toData(payload);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Envelope<T> envelope(URI source, T payload, Instant ingestedAt) {
        return new Envelope<>(idOf(source, payload), source, format.type(payload), format.subject(payload),
                format.time(payload), ingestedAt, payload);
    }

    public byte[] encode(Envelope<T> envelope) {
        T payload = envelope.payload();
        byte[] data;
        try {
            data = JSON.writeValueAsBytes(format.toData(payload));
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise " + envelope.type() + " " + envelope.subject(), e);
        }
        CloudEvent event = CloudEventBuilder.v1()
                .withId(envelope.id())
                .withSource(envelope.source())
                .withType(envelope.type())
                .withSubject(envelope.subject())
                .withTime(envelope.time().atOffset(ZoneOffset.UTC))
                .withExtension(INGEST_TIME, envelope.ingestedAt().toString())
                .withExtension(PARTITION_KEY, format.partitionKey(payload))
                .withDataContentType("application/json")
                .withData(data)
                .build();
        return FORMAT.serialize(event);
    }

    /**
     * @throws MalformedEventException naming the attribute or field that is missing or wrong
     */
    public Envelope<T> decode(byte[] bytes) {
        Envelope<T> fast = fastPath.apply(bytes);
        return fast != null ? fast : decodeGeneric(bytes);
    }

    /** The CloudEvents SDK's parse, then the data's: the reference the fast path is tested against. */
    Envelope<T> decodeGeneric(byte[] bytes) {
        CloudEvent event;
        try {
            event = FORMAT.deserialize(bytes);
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a CloudEvents JSON document: " + e.getMessage(), e);
        }
        if (!format.types().contains(event.getType())) {
            throw new MalformedEventException("event " + event.getId() + " has type '" + event.getType()
                    + "', expected " + (format.types().size() == 1 ? "'" + format.types().iterator().next() + "'"
                    : "one of " + new TreeSet<>(format.types())));
        }
        if (event.getTime() == null) {
            throw new MalformedEventException("event " + event.getId() + " has no 'time'");
        }
        if (event.getData() == null) {
            throw new MalformedEventException("event " + event.getId() + " has no 'data'");
        }
        Instant time = event.getTime().toInstant();
        JsonNode data;
        try {
            data = JSON.readTree(event.getData().toBytes());
        } catch (Exception e) {
            throw new MalformedEventException("event " + event.getId() + ": data is not JSON: " + e.getMessage(), e);
        }
        T payload = format.fromData(event.getId(), event.getType(), data, time);
        return new Envelope<>(event.getId(), event.getSource(), event.getType(), event.getSubject(), time,
                ingestTimeOf(event), payload);
    }

    private static Instant ingestTimeOf(CloudEvent event) {
        Object raw = event.getExtension(INGEST_TIME);
        if (raw == null) {
            throw new MalformedEventException("event " + event.getId() + " has no '" + INGEST_TIME + "' extension");
        }
        try {
            return raw instanceof OffsetDateTime odt ? odt.toInstant() : Instant.parse(raw.toString());
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("event " + event.getId() + ": '" + INGEST_TIME
                    + "' is not a timestamp: " + raw, e);
        }
    }
}
