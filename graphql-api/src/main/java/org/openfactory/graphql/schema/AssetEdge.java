package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An asset in a page of assets, with the cursor to continue after it.")
public record AssetEdge(
        @NonNull @Description("Pass it as `after` to continue after this asset.") String cursor,
        @NonNull @Description("The asset.") Asset node) {
}
