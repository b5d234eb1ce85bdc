package org.openfactory.ingestion.northbound.opcua;

import static org.openfactory.ingestion.connector.ConnectorSettingsRules.daemonThreads;
import static org.openfactory.ingestion.connector.ConnectorSettingsRules.requirePositive;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import org.openfactory.ingestion.connector.ConnectorSettingsRules;

/**
 * Tuning of an {@link OpcUaConnector}.
 *
 * @param threadFactory       makes the connector's one background thread; in a Jakarta EE container pass the
 *                            ManagedThreadFactory
 * @param initialRetryDelay   wait after the first failed connect; doubles on each further failure
 * @param maxRetryDelay       cap of the connect retry delay
 * @param publishingInterval  how often the device sends collected changes
 * @param samplingInterval    how often the device samples each monitored value
 * @param queueSize           changes the device keeps per value between two publishes
 * @param requestTimeout      bound of every call to the device: discovery, connect, service calls, close
 */
public record OpcUaConnectorSettings(ThreadFactory threadFactory, Duration initialRetryDelay, Duration maxRetryDelay,
                                     Duration publishingInterval, Duration samplingInterval, int queueSize,
                                     Duration requestTimeout) {

    public OpcUaConnectorSettings {
        Objects.requireNonNull(threadFactory, "threadFactory");
        requirePositive(initialRetryDelay, "initialRetryDelay");
        requirePositive(maxRetryDelay, "maxRetryDelay");
        requirePositive(publishingInterval, "publishingInterval");
        requirePositive(samplingInterval, "samplingInterval");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxRetryDelay.compareTo(initialRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay " + maxRetryDelay + " < initialRetryDelay "
                    + initialRetryDelay);
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be at least 1: " + queueSize);
        }
    }

    public static OpcUaConnectorSettings defaults() {
        return new OpcUaConnectorSettings(daemonThreads("opcua-connector"),
                Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofMillis(250), Duration.ofMillis(100), 10, Duration.ofSeconds(5));
    }

    public OpcUaConnectorSettings withThreadFactory(ThreadFactory factory) {
        return new OpcUaConnectorSettings(factory, initialRetryDelay, maxRetryDelay, publishingInterval,
                samplingInterval, queueSize, requestTimeout);
    }

    public OpcUaConnectorSettings withRetryDelays(Duration initial, Duration max) {
        return new OpcUaConnectorSettings(threadFactory, initial, max, publishingInterval, samplingInterval,
                queueSize, requestTimeout);
    }

    public OpcUaConnectorSettings withSubscription(Duration publishing, Duration sampling, int queue) {
        return new OpcUaConnectorSettings(threadFactory, initialRetryDelay, maxRetryDelay, publishing, sampling,
                queue, requestTimeout);
    }

    public OpcUaConnectorSettings withRequestTimeout(Duration timeout) {
        return new OpcUaConnectorSettings(threadFactory, initialRetryDelay, maxRetryDelay, publishingInterval,
                samplingInterval, queueSize, timeout);
    }

    /** The retry delay after {@code failures} consecutive failed attempts (1 = the first failure). */
    Duration retryDelay(int failures) {
        return ConnectorSettingsRules.retryDelay(initialRetryDelay, maxRetryDelay, failures);
    }
}
