package org.openfactory.registry.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openfactory.registry.asset.AssetDefinition;

/** Projects assets onto the Unified Namespace tree for browsing: levels are inner nodes, assets are leaves. */
public final class UnsTree {

    private UnsTree() {
    }

    /** The root (empty name and path) of the tree of {@code assets}' UNS paths. */
    public static UnsNode of(Collection<AssetDefinition> assets) {
        Draft root = new Draft();
        for (AssetDefinition asset : assets) {
            Draft node = root;
            for (String segment : asset.unsPath().split("/")) {
                if (!segment.isEmpty()) {
                    node = node.children.computeIfAbsent(segment, s -> new Draft());
                }
            }
            node.assetId = asset.id();
        }
        return root.freeze("", "");
    }

    /** A node while the tree grows; children kept sorted by name. */
    private static final class Draft {
        final Map<String, Draft> children = new TreeMap<>();
        String assetId;

        UnsNode freeze(String name, String path) {
            List<UnsNode> frozen = new ArrayList<>();
            children.forEach((childName, child) ->
                    frozen.add(child.freeze(childName, path.isEmpty() ? childName : path + "/" + childName)));
            return new UnsNode(name, path, assetId, frozen);
        }
    }
}
