package org.openfactory.registry.asset;

import java.util.List;

/**
 * How the platform reaches an asset: one record per connector type. The type string is also the key of each data
 * item's mapping in the asset file ({@code opcua:}, {@code modbus:}, ...).
 */
public sealed interface ConnectorBinding permits OpcUaConnection, ModbusConnection, MtConnectConnection,
        MqttConnection {

    String OPCUA = "opcua";
    String MODBUS = "modbus";
    String MTCONNECT = "mtconnect";
    String MQTT = "mqtt";

    /** The connector types, in the order the file format documents them. */
    List<String> TYPES = List.of(OPCUA, MODBUS, MTCONNECT, MQTT);

    /** The connector type in lower case, e.g. {@code opcua}; also the data items' mapping key. */
    String type();

    /** Where the device is, as one line for logs, e.g. {@code opc.tcp://127.0.0.1:4840/openfactory}. */
    String endpoint();
}
