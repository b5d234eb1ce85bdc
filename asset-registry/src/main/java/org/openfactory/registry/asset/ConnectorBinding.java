package org.openfactory.registry.asset;

import java.util.Objects;

/**
 * How the platform reaches an asset.
 *
 * @param type     the connector type, e.g. {@code opcua}
 * @param endpoint the device address, e.g. {@code opc.tcp://127.0.0.1:4840/openfactory}
 */
public record ConnectorBinding(String type, String endpoint) {
    public ConnectorBinding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
