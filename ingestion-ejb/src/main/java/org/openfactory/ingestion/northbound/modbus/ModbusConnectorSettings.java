package org.openfactory.ingestion.northbound.modbus;

import static org.openfactory.ingestion.connector.ConnectorSettingsRules.daemonThreads;
import static org.openfactory.ingestion.connector.ConnectorSettingsRules.requirePositive;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import org.openfactory.ingestion.connector.ConnectorSettingsRules;

/**
 * Tuning of a {@link ModbusConnector}; how often it polls is the asset's ({@code connector.pollIntervalMs}).
 *
 * @param threadFactory     makes the connector's one background thread; in a Jakarta EE container pass the
 *                          ManagedThreadFactory
 * @param initialRetryDelay wait after the first failed connect; doubles on each further failure
 * @param maxRetryDelay     cap of the reconnect delay
 * @param requestTimeout    bound of connecting and of every request to the device
 * @param maxGap            unused addresses allowed between two items read in one request
 */
public record ModbusConnectorSettings(ThreadFactory threadFactory, Duration initialRetryDelay, Duration maxRetryDelay,
                                      Duration requestTimeout, int maxGap) {

    public static final int DEFAULT_MAX_GAP = 8;

    public ModbusConnectorSettings {
        Objects.requireNonNull(threadFactory, "threadFactory");
        requirePositive(initialRetryDelay, "initialRetryDelay");
        requirePositive(maxRetryDelay, "maxRetryDelay");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxRetryDelay.compareTo(initialRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay " + maxRetryDelay + " < initialRetryDelay "
                    + initialRetryDelay);
        }
        if (maxGap < 0) {
            throw new IllegalArgumentException("maxGap must be 0 or more: " + maxGap);
        }
    }

    public static ModbusConnectorSettings defaults() {
        return new ModbusConnectorSettings(daemonThreads("modbus-connector"),
                Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(3), DEFAULT_MAX_GAP);
    }

    public ModbusConnectorSettings withThreadFactory(ThreadFactory factory) {
        return new ModbusConnectorSettings(factory, initialRetryDelay, maxRetryDelay, requestTimeout, maxGap);
    }

    public ModbusConnectorSettings withRetryDelays(Duration initial, Duration max) {
        return new ModbusConnectorSettings(threadFactory, initial, max, requestTimeout, maxGap);
    }

    public ModbusConnectorSettings withRequestTimeout(Duration timeout) {
        return new ModbusConnectorSettings(threadFactory, initialRetryDelay, maxRetryDelay, timeout, maxGap);
    }

    public ModbusConnectorSettings withMaxGap(int gap) {
        return new ModbusConnectorSettings(threadFactory, initialRetryDelay, maxRetryDelay, requestTimeout, gap);
    }

    /** The retry delay after {@code failures} consecutive failed attempts (1 = the first failure). */
    Duration retryDelay(int failures) {
        return ConnectorSettingsRules.retryDelay(initialRetryDelay, maxRetryDelay, failures);
    }
}
