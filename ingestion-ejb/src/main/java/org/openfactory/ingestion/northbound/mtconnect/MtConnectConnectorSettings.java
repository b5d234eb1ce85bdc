package org.openfactory.ingestion.northbound.mtconnect;

import static org.openfactory.ingestion.connector.ConnectorSettingsRules.daemonThreads;
import static org.openfactory.ingestion.connector.ConnectorSettingsRules.requirePositive;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import org.openfactory.ingestion.connector.ConnectorSettingsRules;

/**
 * Tuning of an {@link MtConnectConnector}.
 *
 * @param threadFactory     makes every thread of the connector; in a Jakarta EE container the ManagedThreadFactory
 * @param initialRetryDelay wait after the first failed attempt to reach the agent; doubles on each further failure
 * @param maxRetryDelay     cap of the retry delay
 * @param interval          the stream's {@code interval}: the agent sends at most one part per interval
 * @param heartbeat         the stream's {@code heartbeat}: the agent sends an empty part after this much quiet; a
 *                          stream silent for {@link #silenceLimit()} is taken as dead and reopened
 * @param count             the most observations per part (capped at the agent's buffer size)
 * @param requestTimeout    bound of connecting and of each request until its response headers arrive
 */
public record MtConnectConnectorSettings(ThreadFactory threadFactory, Duration initialRetryDelay,
                                         Duration maxRetryDelay, Duration interval, Duration heartbeat, int count,
                                         Duration requestTimeout) {

    /** Silent heartbeats before a stream counts as dead. */
    public static final int MISSED_HEARTBEATS = 3;

    public MtConnectConnectorSettings {
        Objects.requireNonNull(threadFactory, "threadFactory");
        requirePositive(initialRetryDelay, "initialRetryDelay");
        requirePositive(maxRetryDelay, "maxRetryDelay");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        requirePositive(heartbeat, "heartbeat");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxRetryDelay.compareTo(initialRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay " + maxRetryDelay + " < initialRetryDelay "
                    + initialRetryDelay);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
    }

    public static MtConnectConnectorSettings defaults() {
        return new MtConnectConnectorSettings(daemonThreads("mtconnect-connector"),
                Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofMillis(100), Duration.ofSeconds(10), 1000, Duration.ofSeconds(10));
    }

    public MtConnectConnectorSettings withThreadFactory(ThreadFactory factory) {
        return new MtConnectConnectorSettings(factory, initialRetryDelay, maxRetryDelay, interval, heartbeat, count,
                requestTimeout);
    }

    public MtConnectConnectorSettings withRetryDelays(Duration initial, Duration max) {
        return new MtConnectConnectorSettings(threadFactory, initial, max, interval, heartbeat, count,
                requestTimeout);
    }

    public MtConnectConnectorSettings withStream(Duration newInterval, Duration newHeartbeat, int newCount) {
        return new MtConnectConnectorSettings(threadFactory, initialRetryDelay, maxRetryDelay, newInterval,
                newHeartbeat, newCount, requestTimeout);
    }

    public MtConnectConnectorSettings withRequestTimeout(Duration timeout) {
        return new MtConnectConnectorSettings(threadFactory, initialRetryDelay, maxRetryDelay, interval, heartbeat,
                count, timeout);
    }

    /** How long a stream may stay silent, heartbeats included, before it counts as dead. */
    public Duration silenceLimit() {
        Duration longest = heartbeat.compareTo(interval) >= 0 ? heartbeat : interval;
        return longest.multipliedBy(MISSED_HEARTBEATS);
    }

    /** The retry delay after {@code failures} consecutive failed attempts (1 = the first failure). */
    Duration retryDelay(int failures) {
        return ConnectorSettingsRules.retryDelay(initialRetryDelay, maxRetryDelay, failures);
    }
}
