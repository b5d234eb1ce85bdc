package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One observation in a page of a data item's history, with the cursor to continue after it.")
public record HistoryEdge(
        @NonNull @Description("Pass it as `after` to continue after this observation.") String cursor,
        @NonNull @Description("The data item with this observation's value and times.") DataItem node) {
}
