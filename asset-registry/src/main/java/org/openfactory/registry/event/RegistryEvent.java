package org.openfactory.registry.event;

/**
 * A fact about the asset registry, keyed by asset id on the compacted {@code openfactory.registry} topic. Registered
 * and updated events carry the full definition, so the latest event per asset is enough to rebuild the registry.
 */
public sealed interface RegistryEvent permits AssetRegistered, AssetUpdated, AssetRetired {

    /** The asset, also the Kafka record key and the CloudEvents subject. */
    String assetId();
}
