package org.openfactory.registry.event;

import java.util.Objects;

/**
 * An asset left the registry. Its id may be registered again later; its UNS path is free from now on.
 *
 * @param unsPath the path it held
 * @param reason  why, for people (e.g. "removed from the asset files"), or null
 */
public record AssetRetired(String assetId, String unsPath, String reason) implements RegistryEvent {

    public AssetRetired {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(unsPath, "unsPath");
    }
}
