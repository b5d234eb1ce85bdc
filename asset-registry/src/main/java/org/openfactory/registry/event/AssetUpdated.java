package org.openfactory.registry.event;

import java.util.List;
import java.util.Objects;

import org.openfactory.registry.asset.AssetDefinition;

/**
 * A registered asset's definition changed.
 *
 * @param asset         the whole new definition (not a delta), so a compacted topic still rebuilds the registry
 * @param changedFields what changed, e.g. {@code connector.endpoint}, {@code dataItems[setpoint].limits}
 */
public record AssetUpdated(AssetDefinition asset, List<String> changedFields) implements RegistryEvent {

    public AssetUpdated {
        Objects.requireNonNull(asset, "asset");
        changedFields = List.copyOf(changedFields);
    }

    @Override
    public String assetId() {
        return asset.id();
    }
}
