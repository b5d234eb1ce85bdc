package org.openfactory.graphql.schema;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An asset became available or unavailable.")
public record AvailabilityChange(
        @NonNull @Description("The asset.") String assetId,
        @NonNull @Description("Its availability from now on.") Availability availability,
        @Description("Why, in words for operators.") String reason,
        @NonNull @Description("When the connector noticed.") Instant timestamp) {

    public static AvailabilityChange of(org.openfactory.model.event.AvailabilityChanged event) {
        return new AvailabilityChange(event.assetId(), Availability.valueOf(event.availability().name()),
                event.reason(), event.observedAt());
    }
}
