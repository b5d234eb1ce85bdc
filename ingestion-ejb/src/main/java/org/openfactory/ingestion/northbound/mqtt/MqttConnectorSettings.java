package org.openfactory.ingestion.northbound.mqtt;

import static org.openfactory.ingestion.connector.ConnectorSettingsRules.daemonThreads;
import static org.openfactory.ingestion.connector.ConnectorSettingsRules.requirePositive;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

import org.openfactory.ingestion.connector.ConnectorSettingsRules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tuning of an {@link MqttConnector}.
 *
 * @param threadFactory       makes every thread of the connector and its MQTT client; in a Jakarta EE container
 *                            pass the ManagedThreadFactory
 * @param clientId            the MQTT client id, or null to derive it from the connector's source (stable across
 *                            restarts, so the broker keeps the session for it)
 * @param initialRetryDelay   wait after the first failed connect; doubles on each further failure
 * @param maxRetryDelay       cap of the connect retry delay
 * @param connectTimeout      bound of a connect and of the subscribe after it
 * @param keepAlive           MQTT keep-alive: how soon a silently dead broker is noticed (1.5 times this)
 * @param sessionExpiry       how long the broker keeps this client's session (subscriptions and queued QoS 1
 *                            messages) after a disconnect; a platform outage shorter than this loses nothing
 * @param commandTimeout      how long a command waits for the device's response
 * @param responseTopicPrefix the response topic of a connector is {@code <prefix>/<clientId>}
 */
public record MqttConnectorSettings(ThreadFactory threadFactory, String clientId, Duration initialRetryDelay,
                                    Duration maxRetryDelay, Duration connectTimeout, Duration keepAlive,
                                    Duration sessionExpiry, Duration commandTimeout, String responseTopicPrefix) {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectorSettings.class);

    /** System property (or, upper-cased with '_', environment variable) overriding the command timeout. */
    public static final String COMMAND_TIMEOUT_PROPERTY = "openfactory.mqtt.command-timeout-ms";
    /** System property (or environment variable) overriding the session expiry. */
    public static final String SESSION_EXPIRY_PROPERTY = "openfactory.mqtt.session-expiry-s";

    public MqttConnectorSettings {
        Objects.requireNonNull(threadFactory, "threadFactory");
        requirePositive(initialRetryDelay, "initialRetryDelay");
        requirePositive(maxRetryDelay, "maxRetryDelay");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(keepAlive, "keepAlive");
        requirePositive(commandTimeout, "commandTimeout");
        Objects.requireNonNull(sessionExpiry, "sessionExpiry");
        if (sessionExpiry.isNegative() || sessionExpiry.toSeconds() > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("sessionExpiry must be 0..4294967295 s: " + sessionExpiry);
        }
        Objects.requireNonNull(responseTopicPrefix, "responseTopicPrefix");
        if (maxRetryDelay.compareTo(initialRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay " + maxRetryDelay + " < initialRetryDelay "
                    + initialRetryDelay);
        }
        if (clientId != null && clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
    }

    /**
     * Defaults: retry 0.5 s doubling to 10 s, 10 s keep-alive, 10 min session expiry (long enough for a restart or
     * redeploy; not longer, because a shared-subscription member that is gone for good keeps receiving its share
     * into its session until it expires), 10 s command timeout.
     */
    public static MqttConnectorSettings defaults() {
        return new MqttConnectorSettings(daemonThreads("mqtt-connector"),
                null, Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(10),
                "openfactory/responses");
    }

    /**
     * The defaults with the command timeout and session expiry taken from system properties or environment
     * variables ({@value #COMMAND_TIMEOUT_PROPERTY} / {@code OPENFACTORY_MQTT_COMMAND_TIMEOUT_MS},
     * {@value #SESSION_EXPIRY_PROPERTY} / {@code OPENFACTORY_MQTT_SESSION_EXPIRY_S}) when set.
     */
    public static MqttConnectorSettings fromEnvironment() {
        return fromEnvironment(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name.toUpperCase().replace('.', '_').replace('-', '_'));
        });
    }

    /** A malformed value is logged and its default kept: a typo must not stop every connector. */
    static MqttConnectorSettings fromEnvironment(Function<String, String> lookup) {
        MqttConnectorSettings settings = defaults();
        String timeout = lookup.apply(COMMAND_TIMEOUT_PROPERTY);
        String expiry = lookup.apply(SESSION_EXPIRY_PROPERTY);
        try {
            if (timeout != null && !timeout.isBlank()) {
                settings = settings.withCommandTimeout(Duration.ofMillis(parse(COMMAND_TIMEOUT_PROPERTY, timeout, 1)));
            }
        } catch (IllegalArgumentException e) {
            LOG.error("MQTT connectors: {}; using the default {} ms", e.getMessage(),
                    settings.commandTimeout().toMillis());
        }
        try {
            if (expiry != null && !expiry.isBlank()) {
                settings = settings.withSessionExpiry(Duration.ofSeconds(parse(SESSION_EXPIRY_PROPERTY, expiry, 0)));
            }
        } catch (IllegalArgumentException e) {
            LOG.error("MQTT connectors: {}; using the default {} s", e.getMessage(),
                    settings.sessionExpiry().toSeconds());
        }
        return settings;
    }

    public MqttConnectorSettings withThreadFactory(ThreadFactory factory) {
        return new MqttConnectorSettings(factory, clientId, initialRetryDelay, maxRetryDelay, connectTimeout,
                keepAlive, sessionExpiry, commandTimeout, responseTopicPrefix);
    }

    public MqttConnectorSettings withClientId(String id) {
        return new MqttConnectorSettings(threadFactory, id, initialRetryDelay, maxRetryDelay, connectTimeout,
                keepAlive, sessionExpiry, commandTimeout, responseTopicPrefix);
    }

    public MqttConnectorSettings withRetryDelays(Duration initial, Duration max) {
        return new MqttConnectorSettings(threadFactory, clientId, initial, max, connectTimeout, keepAlive,
                sessionExpiry, commandTimeout, responseTopicPrefix);
    }

    public MqttConnectorSettings withSessionExpiry(Duration expiry) {
        return new MqttConnectorSettings(threadFactory, clientId, initialRetryDelay, maxRetryDelay, connectTimeout,
                keepAlive, expiry, commandTimeout, responseTopicPrefix);
    }

    public MqttConnectorSettings withCommandTimeout(Duration timeout) {
        return new MqttConnectorSettings(threadFactory, clientId, initialRetryDelay, maxRetryDelay, connectTimeout,
                keepAlive, sessionExpiry, timeout, responseTopicPrefix);
    }

    /** The retry delay after {@code failures} consecutive failed attempts (1 = the first failure). */
    Duration retryDelay(int failures) {
        return ConnectorSettingsRules.retryDelay(initialRetryDelay, maxRetryDelay, failures);
    }

    private static long parse(String name, String value, long min) {
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be an integer of at least " + min + ", not '" + value + "'");
    }
}
