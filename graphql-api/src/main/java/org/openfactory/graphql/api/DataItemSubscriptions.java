package org.openfactory.graphql.api;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.openfactory.graphql.schema.DataItem;
import org.openfactory.graphql.schema.DataItems;
import org.openfactory.graphql.state.LiveState;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

@GraphQLApi
@ApplicationScoped
public class DataItemSubscriptions {

    /**
     * Changes a subscriber may fall behind by. A subscriber further behind is ended with an error (it can
     * re-subscribe and re-read the state); it never holds up the others.
     */
    static final int SUBSCRIBER_BUFFER = 10_000;

    @Inject
    LiveState live;

    @Subscription("dataItemChanged")
    @Description("Every change of a data item's value from now on, optionally only of one asset and some of its "
            + "data items. Fails with NOT_FOUND for an unknown asset id.")
    public Multi<@NonNull DataItem> dataItemChanged(@Name("assetId") String assetId,
                                                    @Name("dataItemIds") List<String> dataItemIds)
            throws AssetNotFoundException {
        if (assetId != null && live.asset(assetId).isEmpty()) {
            throw new AssetNotFoundException(assetId);
        }
        Set<String> items = dataItemIds == null ? Set.of() : Set.copyOf(dataItemIds);
        return live.changes()
                .filter(s -> assetId == null || s.assetId().equals(assetId))
                .filter(s -> items.isEmpty() || items.contains(s.dataItemId()))
                .onOverflow().buffer(SUBSCRIBER_BUFFER)
                .map(DataItems::of);
    }
}
