package org.openfactory.model.envelope;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A payload with the CloudEvents attributes it travelled with.
 *
 * @param id         unique per fact; a re-sent fact keeps its id, so consumers can de-duplicate on it
 * @param source     the connector instance that observed the fact
 * @param time       when the fact happened, by the device's clock
 * @param ingestedAt when the platform appended it to the log (extension {@code ingesttime})
 */
public record Envelope<T>(String id, URI source, String type, String subject, Instant time, Instant ingestedAt,
                          T payload) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
