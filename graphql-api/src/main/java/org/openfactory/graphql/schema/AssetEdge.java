package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An asset in a page of assets, with the cursor to continue after it.")
public record AssetEdge(@NonNull String cursor, @NonNull Asset node) {
}
