package org.openfactory.graphql.api;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.openfactory.graphql.schema.DataItem;
import org.openfactory.graphql.schema.DataItemFilter;
import org.openfactory.graphql.schema.DataItems;
import org.openfactory.graphql.state.LiveState;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

@GraphQLApi
@ApplicationScoped
public class DataItemSubscriptions {


    @Inject
    LiveState live;

    @Inject
    SubscriberDelivery delivery;

    @Subscription("dataItemChanged")
    @Description("Every change of a data item's value from now on, filtered. Each subscriber has a buffer of "
            + SubscriberDelivery.BUFFER + " changes; a subscriber that falls further behind is ended with an error and may "
            + "subscribe again. Fails with NOT_FOUND for an unknown asset id and BAD_REQUEST for a malformed UNS "
            + "prefix.")
    public Multi<@NonNull DataItem> dataItemChanged(@Name("filter") DataItemFilter filter)
            throws NotFoundException, BadRequestException {
        DataItemFilter f = filter == null ? new DataItemFilter(null, null, null, null) : filter;
        if (f.assetId() != null && live.asset(f.assetId()).isEmpty()) {
            throw new AssetNotFoundException(f.assetId());
        }
        String prefix = f.unsPrefix() == null ? null : normalisedPrefix(f.unsPrefix());
        Set<String> items = f.dataItemIds() == null ? Set.of() : Set.copyOf(f.dataItemIds());
        org.openfactory.model.value.Category category = f.category() == null ? null
                : org.openfactory.model.value.Category.valueOf(f.category().name());
        return live.changes()
                .filter(s -> f.assetId() == null || s.assetId().equals(f.assetId()))
                .filter(s -> items.isEmpty() || items.contains(s.dataItemId()))
                .filter(s -> category == null || s.category() == category)
                .filter(s -> prefix == null || underPrefix(s.assetId(), prefix))
                .plug(delivery::decoupled)
                .map(DataItems::of);
    }

    private boolean underPrefix(String assetId, String prefix) {
        return live.registry().find(assetId)
                .map(entry -> (entry.unsPath() + "/").startsWith(prefix))
                .orElse(false);
    }

    /** A prefix of whole levels, ending with a slash: {@code acme/plant1} matches {@code acme/plant1/...} only. */
    static String normalisedPrefix(String unsPrefix) throws BadRequestException {
        String trimmed = unsPrefix.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty() || trimmed.startsWith("/") || trimmed.contains("//")) {
            throw new BadRequestException("unsPrefix '" + unsPrefix + "' is not a UNS path such as "
                    + "'acme/plant1/area1'");
        }
        return trimmed + "/";
    }
}
