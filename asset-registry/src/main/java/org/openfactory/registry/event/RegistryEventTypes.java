package org.openfactory.registry.event;

import java.util.List;

/** Versioned CloudEvents {@code type} values of the registry topic. */
public final class RegistryEventTypes {

    public static final String ASSET_REGISTERED = "org.openfactory.asset.registered.v1";
    public static final String ASSET_UPDATED = "org.openfactory.asset.updated.v1";
    public static final String ASSET_RETIRED = "org.openfactory.asset.retired.v1";

    public static final List<String> ALL = List.of(ASSET_REGISTERED, ASSET_UPDATED, ASSET_RETIRED);

    private RegistryEventTypes() {
    }

    public static String of(RegistryEvent event) {
        if (event instanceof AssetRegistered) {
            return ASSET_REGISTERED;
        } else if (event instanceof AssetUpdated) {
            return ASSET_UPDATED;
        } else if (event instanceof AssetRetired) {
            return ASSET_RETIRED;
        }
        throw new IllegalArgumentException("unknown registry event " + event);
    }
}
