package org.openfactory.graphql.api;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openfactory.graphql.schema.DataItems;
import org.openfactory.graphql.schema.HistoryConnection;
import org.openfactory.graphql.schema.HistoryEdge;
import org.openfactory.graphql.schema.HistorySource;
import org.openfactory.graphql.schema.PageInfo;
import org.openfactory.graphql.state.HistoryStore;
import org.openfactory.graphql.state.LiveState;
import org.openfactory.historian.HistoryPage;
import org.openfactory.historian.HistoryQuery;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.view.RegistryEntry;

@GraphQLApi
@ApplicationScoped
public class HistoryQueries {

    @Inject
    LiveState live;

    @Inject
    HistoryStore store;

    @Query("history")
    @Description("The history of one data item over a time range of device time (`from` inclusive, `to` exclusive), "
            + "in device-time order, a page at a time (at most " + HistoryQuery.MAX_FIRST + "). Served from the "
            + "PostgreSQL historian, or from the log while the historian cannot answer (`source` says which). Fails "
            + "with NOT_FOUND for an unknown asset or data item and BAD_REQUEST for a bad range, size or cursor.")
    public @NonNull HistoryConnection history(@Name("assetId") @NonNull String assetId,
                                              @Name("dataItemId") @NonNull String dataItemId,
                                              @Name("from") @NonNull Instant from,
                                              @Name("to") @NonNull Instant to,
                                              @Name("first") @DefaultValue("100") int first,
                                              @Name("after") String after)
            throws NotFoundException, BadRequestException {
        AssetDefinition asset = live.registry().find(assetId).map(RegistryEntry::definition)
                .orElseThrow(() -> new AssetNotFoundException(assetId));
        if (asset.dataItem(dataItemId).isEmpty()) {
            throw new NotFoundException("asset '" + assetId + "' has no data item '" + dataItemId + "'");
        }
        HistoryQuery query;
        try {
            query = HistoryQuery.of(assetId, dataItemId, from, to, first, after);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        HistoryPage page = store.history().page(query);
        List<HistoryEdge> edges = page.rows().stream()
                .map(row -> new HistoryEdge(row.cursor().encode(), DataItems.of(row))).toList();
        return new HistoryConnection(edges, new PageInfo(page.hasNextPage(), after != null, page.startCursor(),
                page.endCursor()), HistorySource.valueOf(page.source().name()));
    }
}
