package org.openfactory.graphql.schema;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of assets, ordered by id.")
public record AssetConnection(
        @NonNull @Description("The assets of this page, each with its cursor.") List<@NonNull AssetEdge> edges,
        @NonNull @Description("Where this page stands in the whole list.") PageInfo pageInfo,
        @NonNull @Description("How many assets match, over all pages.") int totalCount) {
}
