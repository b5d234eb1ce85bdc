package org.openfactory.registry.asset;

import java.util.UUID;

/**
 * The stable UUID of an asset, derived from its id alone: every instance, tool and later replay computes the same
 * one without a lookup, and it survives re-registration after retirement.
 */
public final class AssetIdentity {

    /** The OpenFactory namespace: UUIDv5(NAMESPACE_URL, "urn:openfactory:asset"). */
    public static final UUID NAMESPACE = UuidV5.of(UuidV5.NAMESPACE_URL, "urn:openfactory:asset");

    private AssetIdentity() {
    }

    /** UUID version 5 of the asset id in {@link #NAMESPACE}. */
    public static UUID uuidOf(String assetId) {
        return UuidV5.of(NAMESPACE, assetId);
    }
}
