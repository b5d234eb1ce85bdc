package org.openfactory.registry.asset;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A device publishing to an MQTT broker.
 *
 * @param broker {@code tcp://host:port} (or {@code ssl://host:port})
 * @param format how the payloads are laid out
 */
public record MqttConnection(String broker, Format format) implements ConnectorBinding {

    public MqttConnection {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(format, "format");
    }

    @Override
    public String type() {
        return MQTT;
    }

    @Override
    public String endpoint() {
        return broker;
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
