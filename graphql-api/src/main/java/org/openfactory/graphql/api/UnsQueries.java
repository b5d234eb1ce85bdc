package org.openfactory.graphql.api;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.openfactory.graphql.schema.Asset;
import org.openfactory.graphql.schema.UnsNode;
import org.openfactory.graphql.state.LiveState;

/** Browsing the Unified Namespace: a node, its children on demand, and the asset at a leaf. */
@GraphQLApi
@ApplicationScoped
public class UnsQueries {

    @Inject
    LiveState live;

    @Inject
    AssetQueries assets;

    @Query("uns")
    @Description("A node of the Unified Namespace tree of registered assets; the root without a path. Fails with "
            + "NOT_FOUND for a path that holds no asset.")
    public @NonNull UnsNode uns(@Name("path") String path) throws NotFoundException {
        return toNode(find(path == null ? "" : path));
    }

    @Description("The nodes one level below, ordered by name.")
    public @NonNull List<@NonNull UnsNode> children(@Source UnsNode node) throws NotFoundException {
        return find(node.path()).children().stream().map(UnsQueries::toNode).toList();
    }

    @Description("The asset at this node, if the node is an asset.")
    public Asset asset(@Source UnsNode node) {
        if (node.assetId() == null) {
            return null;
        }
        return live.registry().findActive(node.assetId()).map(assets::toAsset).orElse(null);
    }

    private org.openfactory.registry.view.UnsNode find(String path) throws NotFoundException {
        String normalized = path.replaceAll("^/+|/+$", "");
        org.openfactory.registry.view.UnsNode root = live.registry().unsTree();
        Optional<org.openfactory.registry.view.UnsNode> node = normalized.isEmpty()
                ? Optional.of(root) : root.find(normalized);
        return node.orElseThrow(() -> new NotFoundException("No asset under UNS path '" + path + "'"));
    }

    private static UnsNode toNode(org.openfactory.registry.view.UnsNode node) {
        return new UnsNode(node.name(), node.path(), node.assetId());
    }
}
