package org.openfactory.registry.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of the Unified Namespace tree: a level (enterprise, site, ...) or an asset.
 *
 * @param name     the path segment; empty for the root
 * @param path     from the root, e.g. {@code acme/plant1}; empty for the root
 * @param assetId  the asset at this path, or null for a level
 * @param children sorted by name
 */
public record UnsNode(String name, String path, String assetId, List<UnsNode> children) {

    public UnsNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        children = List.copyOf(children);
    }

    public boolean isAsset() {
        return assetId != null;
    }

    /** The node at {@code path} below this one (root: the full path), e.g. {@code acme/plant1}. */
    public Optional<UnsNode> find(String path) {
        String relative = path.replaceAll("^/+|/+$", "");
        UnsNode node = this;
        if (relative.isEmpty()) {
            return Optional.of(node);
        }
        for (String segment : relative.split("/")) {
            UnsNode next = null;
            for (UnsNode child : node.children) {
                if (child.name.equals(segment)) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            node = next;
        }
        return Optional.of(node);
    }

    /** The ids of the assets at and below this node, in tree order. */
    public List<String> assetIds() {
        List<String> ids = new ArrayList<>();
        collect(this, ids);
        return ids;
    }

    private static void collect(UnsNode node, List<String> ids) {
        if (node.assetId != null) {
            ids.add(node.assetId);
        }
        node.children.forEach(c -> collect(c, ids));
    }
}
