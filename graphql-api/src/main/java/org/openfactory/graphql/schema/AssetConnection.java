package org.openfactory.graphql.schema;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of assets, ordered by id.")
public record AssetConnection(
        @NonNull List<@NonNull AssetEdge> edges,
        @NonNull PageInfo pageInfo,
        @NonNull @Description("How many assets match, over all pages.") int totalCount) {
}
