package org.openfactory.registry.event;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;

import org.openfactory.model.envelope.CloudEventCodec;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetIdentity;
import org.openfactory.registry.asset.AssetJson;
import org.openfactory.registry.asset.AssetValidationException;
import org.openfactory.registry.asset.UuidV5;

/**
 * Registry events as CloudEvents 1.0 in structured JSON mode, like every event of the platform (docs/events.md).
 * One topic carries three types, so unlike {@link CloudEventCodec} (one type per codec) this codec picks the payload
 * by the event's {@code type}.
 *
 * <ul>
 *   <li>{@code subject} and {@code partitionkey}: the asset id (the record key);</li>
 *   <li>{@code time}: when the change was applied; {@code ingesttime}: when it was appended;</li>
 *   <li>{@code data}: for registered and updated, the asset definition in its canonical JSON form
 *       ({@link AssetJson}); for retired, {@code assetId}, {@code unsPath} and {@code reason};</li>
 *   <li>{@code changedfields} (extension, updated only): the changed fields, comma-separated;</li>
 *   <li>{@code id}: UUIDv5 of type, asset id and canonical data, so applying the same definition again yields the
 *       same id and consumers can de-duplicate against the asset's current event.</li>
 * </ul>
 */
public final class RegistryEventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    /** Extension of {@code org.openfactory.asset.updated.v1}: the changed fields, comma-separated. */
    public static final String CHANGED_FIELDS = "changedfields";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat FORMAT = new JsonFormat();

    private RegistryEventCodec() {
    }

    /** UUIDv5 (OpenFactory namespace) of type, asset id and the canonical JSON of the data. */
    public static String idOf(RegistryEvent event) {
        String name = RegistryEventTypes.of(event) + "|" + event.assetId() + "|" + canonical(dataOf(event));
        return UuidV5.of(AssetIdentity.NAMESPACE, name).toString();
    }

    /** An event appended the moment it is applied. */
    public static Envelope<RegistryEvent> envelope(URI source, RegistryEvent event, Instant appliedAt) {
        return envelope(source, event, appliedAt, appliedAt);
    }

    /**
     * @param source     who applied it, e.g. {@code /openfactory/registry-cli}
     * @param appliedAt  CloudEvents {@code time}
     * @param ingestedAt extension {@code ingesttime}
     */
    public static Envelope<RegistryEvent> envelope(URI source, RegistryEvent event, Instant appliedAt,
                                                   Instant ingestedAt) {
        return new Envelope<>(idOf(event), source, RegistryEventTypes.of(event), event.assetId(), appliedAt,
                ingestedAt, event);
    }

    public static byte[] encode(Envelope<? extends RegistryEvent> envelope) {
        RegistryEvent event = envelope.payload();
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(envelope.id())
                .withSource(envelope.source())
                .withType(envelope.type())
                .withSubject(event.assetId())
                .withTime(envelope.time().atOffset(ZoneOffset.UTC))
                .withExtension(CloudEventCodec.INGEST_TIME, envelope.ingestedAt().toString())
                .withExtension(CloudEventCodec.PARTITION_KEY, event.assetId())
                .withDataContentType("application/json")
                .withData(canonical(dataOf(event)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (event instanceof AssetUpdated updated && !updated.changedFields().isEmpty()) {
            builder.withExtension(CHANGED_FIELDS, String.join(",", updated.changedFields()));
        }
        return FORMAT.serialize(builder.build());
    }

    /**
     * @throws MalformedEventException naming the attribute or data field that is missing or wrong
     */
    public static Envelope<RegistryEvent> decode(byte[] bytes) {
        CloudEvent event;
        try {
            event = FORMAT.deserialize(bytes);
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a CloudEvents JSON document: " + e.getMessage(), e);
        }
        String id = event.getId();
        if (!RegistryEventTypes.ALL.contains(event.getType())) {
            throw new MalformedEventException("event " + id + " has type '" + event.getType() + "', expected one of "
                    + RegistryEventTypes.ALL);
        }
        if (event.getTime() == null) {
            throw new MalformedEventException("event " + id + " has no 'time'");
        }
        if (event.getData() == null) {
            throw new MalformedEventException("event " + id + " has no 'data'");
        }
        JsonNode data;
        try {
            data = JSON.readTree(event.getData().toBytes());
        } catch (Exception e) {
            throw new MalformedEventException("event " + id + ": data is not JSON: " + e.getMessage(), e);
        }
        RegistryEvent payload = payloadOf(event, data);
        if (event.getSubject() != null && !event.getSubject().equals(payload.assetId())) {
            throw new MalformedEventException("event " + id + ": subject '" + event.getSubject()
                    + "' is not the asset id '" + payload.assetId() + "' of its data");
        }
        return new Envelope<>(id, event.getSource(), event.getType(), event.getSubject(),
                event.getTime().toInstant(), ingestTimeOf(event), payload);
    }

    /** The JSON {@code data} of an event. */
    public static ObjectNode dataOf(RegistryEvent event) {
        if (event instanceof AssetRegistered registered) {
            return AssetJson.toTree(registered.asset());
        } else if (event instanceof AssetUpdated updated) {
            return AssetJson.toTree(updated.asset());
        } else if (event instanceof AssetRetired retired) {
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("assetId", retired.assetId());
            data.put("unsPath", retired.unsPath());
            if (retired.reason() != null) {
                data.put("reason", retired.reason());
            }
            return data;
        }
        throw new IllegalArgumentException("unknown registry event " + event);
    }

    private static RegistryEvent payloadOf(CloudEvent event, JsonNode data) {
        String id = event.getId();
        if (RegistryEventTypes.ASSET_RETIRED.equals(event.getType())) {
            return new AssetRetired(requiredText(id, data, "assetId"), requiredText(id, data, "unsPath"),
                    data.hasNonNull("reason") ? data.get("reason").asText() : null);
        }
        AssetDefinition asset;
        try {
            asset = AssetJson.fromTree(data);
        } catch (AssetValidationException e) {
            throw new MalformedEventException("event " + id + ": data is not an asset definition: "
                    + e.problems().stream().map(p -> (p.fieldPath().isEmpty() ? "data" : "data." + p.fieldPath())
                            + ": " + p.message()).collect(Collectors.joining("; ")), e);
        }
        if (RegistryEventTypes.ASSET_REGISTERED.equals(event.getType())) {
            return new AssetRegistered(asset);
        }
        Object changed = event.getExtension(CHANGED_FIELDS);
        List<String> fields = changed == null || changed.toString().isEmpty() ? List.of()
                : Arrays.asList(changed.toString().split(","));
        return new AssetUpdated(asset, fields);
    }

    private static String requiredText(String id, JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedEventException("event " + id + ": data." + field + " is missing or not a string");
        }
        return node.asText();
    }

    private static Instant ingestTimeOf(CloudEvent event) {
        Object raw = event.getExtension(CloudEventCodec.INGEST_TIME);
        if (raw == null) {
            throw new MalformedEventException("event " + event.getId() + " has no '" + CloudEventCodec.INGEST_TIME
                    + "' extension");
        }
        try {
            return raw instanceof OffsetDateTime odt ? odt.toInstant() : Instant.parse(raw.toString());
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("event " + event.getId() + ": '" + CloudEventCodec.INGEST_TIME
                    + "' is not a timestamp: " + raw, e);
        }
    }

    private static String canonical(ObjectNode data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event data as JSON", e);
        }
    }
}
