package org.openfactory.ingestion.northbound.modbus;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

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
        return new ModbusConnectorSettings(daemonThreads(), Duration.ofMillis(500), Duration.ofSeconds(30),
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
        Duration delay = initialRetryDelay;
        for (int i = 1; i < failures && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }

    private static ThreadFactory daemonThreads() {
        var count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "modbus-connector-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
