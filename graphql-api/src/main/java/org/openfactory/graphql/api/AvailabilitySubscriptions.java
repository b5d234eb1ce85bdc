package org.openfactory.graphql.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.openfactory.graphql.schema.AvailabilityChange;
import org.openfactory.graphql.state.LiveState;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

@GraphQLApi
@ApplicationScoped
public class AvailabilitySubscriptions {

    @Inject
    LiveState live;

    @Inject
    SubscriberDelivery delivery;

    @Subscription("availabilityChanged")
    @Description("Every change of an asset's availability from now on, optionally of one asset only. "
            + "Fails with NOT_FOUND for an unknown asset id.")
    public Multi<@NonNull AvailabilityChange> availabilityChanged(@Name("assetId") String assetId)
            throws AssetNotFoundException {
        if (assetId != null && live.asset(assetId).isEmpty()) {
            throw new AssetNotFoundException(assetId);
        }
        return live.availabilityChanges()
                .filter(a -> assetId == null || a.assetId().equals(assetId))
                .plug(delivery::decoupled)
                .map(AvailabilityChange::of);
    }
}
