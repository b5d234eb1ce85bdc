package org.openfactory.model.event;

import java.time.Instant;
import java.util.Objects;

import org.openfactory.model.value.Availability;

/**
 * The connector of an asset started or stopped reaching it.
 *
 * @param reason why, in words for operators (e.g. the connection error)
 */
public record AvailabilityChanged(String assetId, Availability availability, String reason, Instant observedAt) {
    public AvailabilityChanged {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
