package org.openfactory.registry.asset;

import java.util.Objects;

/**
 * A Modbus TCP device (or gateway) and the unit id behind it.
 *
 * @param port   TCP port, {@value #DEFAULT_PORT} unless the file says otherwise
 * @param unitId Modbus unit (slave) id, {@value #DEFAULT_UNIT_ID} unless the file says otherwise
 */
public record ModbusConnection(String host, int port, int unitId) implements ConnectorBinding {

    public static final int DEFAULT_PORT = 502;
    public static final int DEFAULT_UNIT_ID = 1;

    public ModbusConnection {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 1..65535");
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("unitId " + unitId + " is not in 0..255");
        }
    }

    @Override
    public String type() {
        return MODBUS;
    }

    /** {@code modbus+tcp://host:port/unitId} */
    @Override
    public String endpoint() {
        return "modbus+tcp://" + host + ":" + port + "/" + unitId;
    }
}
