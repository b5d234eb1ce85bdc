package org.openfactory.registry.asset;

import java.util.Objects;

/** An OPC UA server, e.g. {@code opc.tcp://127.0.0.1:4840/openfactory}. */
public record OpcUaConnection(String endpoint) implements ConnectorBinding {

    public OpcUaConnection {
        Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public String type() {
        return OPCUA;
    }
}
