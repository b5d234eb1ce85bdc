package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A node of the Unified Namespace tree: a level (enterprise, site, area, line, cell) or an asset.")
public record UnsNode(
        @NonNull @Description("The last segment of the path.") String name,
        @NonNull @Description("The full path; empty for the root.") String path,
        @Description("The asset at this node, if the node is an asset.") String assetId) {
}
