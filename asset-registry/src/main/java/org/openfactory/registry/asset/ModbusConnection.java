package org.openfactory.registry.asset;

import java.util.Objects;

/**
 * A Modbus TCP device (or gateway) and the unit id behind it.
 *
 * @param port           TCP port, {@value #DEFAULT_PORT} unless the file says otherwise
 * @param unitId         Modbus unit (slave) id, {@value #DEFAULT_UNIT_ID} unless the file says otherwise
 * @param pollIntervalMs how often the connector reads the device's data items, {@value #DEFAULT_POLL_INTERVAL_MS}
 *                       unless the file says otherwise; Modbus has no subscriptions, so this bounds the latency
 */
public record ModbusConnection(String host, int port, int unitId, long pollIntervalMs) implements ConnectorBinding {

    public static final int DEFAULT_PORT = 502;
    public static final int DEFAULT_UNIT_ID = 1;
    public static final long DEFAULT_POLL_INTERVAL_MS = 1_000;
    /** Faster polling would load a device more than it helps anyone. */
    public static final long MIN_POLL_INTERVAL_MS = 10;
    public static final long MAX_POLL_INTERVAL_MS = 86_400_000;

    public ModbusConnection {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 1..65535");
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("unitId " + unitId + " is not in 0..255");
        }
        if (pollIntervalMs < MIN_POLL_INTERVAL_MS || pollIntervalMs > MAX_POLL_INTERVAL_MS) {
            throw new IllegalArgumentException("pollIntervalMs " + pollIntervalMs + " is not in "
                    + MIN_POLL_INTERVAL_MS + ".." + MAX_POLL_INTERVAL_MS);
        }
    }

    /** A connection polled every {@value #DEFAULT_POLL_INTERVAL_MS} ms. */
    public ModbusConnection(String host, int port, int unitId) {
        this(host, port, unitId, DEFAULT_POLL_INTERVAL_MS);
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
