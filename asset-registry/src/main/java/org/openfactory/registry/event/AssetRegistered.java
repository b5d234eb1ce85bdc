package org.openfactory.registry.event;

import java.util.Objects;

import org.openfactory.registry.asset.AssetDefinition;

/** An asset entered the registry (for the first time, or again after it was retired). */
public record AssetRegistered(AssetDefinition asset) implements RegistryEvent {

    public AssetRegistered {
        Objects.requireNonNull(asset, "asset");
    }

    @Override
    public String assetId() {
        return asset.id();
    }
}
