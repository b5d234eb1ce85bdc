package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Where a page stands in the whole list (Relay cursor connections).")
public record PageInfo(
        @NonNull @Description("Whether more items follow this page.") boolean hasNextPage,
        @NonNull @Description("Whether items come before this page.") boolean hasPreviousPage,
        @Description("The cursor of the first item of the page.") String startCursor,
        @Description("The cursor of the last item of the page; pass it as `after` for the next page.") String endCursor) {
}
