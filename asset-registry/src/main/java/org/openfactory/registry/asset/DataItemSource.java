package org.openfactory.registry.asset;

/**
 * Where a connector finds a data item on the device. The case matches the asset's connector type, and
 * {@link #connectorType()} is the mapping's key in the asset file.
 */
public sealed interface DataItemSource permits OpcUaSource, ModbusSource, MtConnectSource, MqttSource {

    /** The connector type this mapping is for: {@link ConnectorBinding#type()} of the asset. */
    String connectorType();
}
