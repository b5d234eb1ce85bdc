package org.openfactory.registry.asset;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A device publishing to an MQTT broker.
 *
 * @param broker     {@code tcp://host:port} (or {@code ssl://host:port})
 * @param format     how the payloads are laid out
 * @param shareGroup the MQTT v5 shared subscription group the platform instances subscribe in, so they split the
 *                   load ({@code $share/<group>/<topic>}); {@code ""} or {@code none} subscribes unshared (every
 *                   instance gets every message)
 */
public record MqttConnection(String broker, Format format, String shareGroup) implements ConnectorBinding {

    public static final String DEFAULT_SHARE_GROUP = "openfactory";
    /** The {@code shareGroup} value that turns sharing off (as does an empty one). */
    public static final String NO_SHARE_GROUP = "none";

    public MqttConnection {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(shareGroup, "shareGroup");
    }

    /** A connection in the default share group. */
    public MqttConnection(String broker, Format format) {
        this(broker, format, DEFAULT_SHARE_GROUP);
    }

    @Override
    public String type() {
        return MQTT;
    }

    @Override
    public String endpoint() {
        return broker;
    }

    /** The share group to subscribe in, or empty when subscriptions are not shared. */
    public Optional<String> sharedSubscriptionGroup() {
        return shareGroup.isEmpty() || NO_SHARE_GROUP.equals(shareGroup) ? Optional.empty() : Optional.of(shareGroup);
    }

    /** Payload layout; written in lower case in the file. */
    public enum Format {
        /** CloudEvents (MQTT binding): the value is the event's data. */
        CLOUDEVENTS,
        /** Plain JSON: the value is found by the data item's {@code jsonPointer} (the whole payload without one). */
        JSON;

        /** The name in the asset file, e.g. {@code cloudevents}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Format> of(String id) {
            for (Format f : values()) {
                if (f.id().equals(id)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }
}
