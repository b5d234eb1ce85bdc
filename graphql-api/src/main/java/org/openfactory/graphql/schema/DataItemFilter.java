package org.openfactory.graphql.schema;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DataItemFilter")
@Description("Which data item changes to deliver. Every field that is set must match; an empty filter matches all.")
public record DataItemFilter(
        @Description("Only this asset.") String assetId,
        @Description("Only assets at or below this UNS path, e.g. `acme/plant1/utilities/line1` (whole levels).")
        String unsPrefix,
        @Description("Only these data items (by id).") List<String> dataItemIds,
        @Description("Only data items of this category.") Category category) {
}
