package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("How the platform reaches an asset: its connector's protocol and the device's address.")
public record AssetConnector(
        @NonNull @Description("The protocol: opcua, modbus, mtconnect or mqtt.") String type,
        @NonNull @Description("Where the device is, e.g. opc.tcp://10.0.0.5:4840 or modbus+tcp://10.0.0.7:502/1.")
        String endpoint) {
}
