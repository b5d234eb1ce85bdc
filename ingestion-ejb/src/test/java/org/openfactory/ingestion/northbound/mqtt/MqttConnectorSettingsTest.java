package org.openfactory.ingestion.northbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MqttConnectorSettingsTest {

    @Test
    void theCommandTimeoutAndSessionExpiryComeFromTheEnvironmentWhenSet() {
        MqttConnectorSettings settings = MqttConnectorSettings.fromEnvironment(Map.of(
                MqttConnectorSettings.COMMAND_TIMEOUT_PROPERTY, "2500",
                MqttConnectorSettings.SESSION_EXPIRY_PROPERTY, "60")::get);
        assertEquals(Duration.ofMillis(2500), settings.commandTimeout());
        assertEquals(Duration.ofSeconds(60), settings.sessionExpiry());

        MqttConnectorSettings defaults = MqttConnectorSettings.fromEnvironment(Map.<String, String>of()::get);
        assertEquals(Duration.ofSeconds(10), defaults.commandTimeout());
        assertEquals(Duration.ofMinutes(10), defaults.sessionExpiry());

        MqttConnectorSettings typo = MqttConnectorSettings.fromEnvironment(Map.of(
                MqttConnectorSettings.COMMAND_TIMEOUT_PROPERTY, "10s")::get);
        assertEquals(Duration.ofSeconds(10), typo.commandTimeout(), "a malformed value keeps the default");
        assertEquals(Duration.ZERO, MqttConnectorSettings.fromEnvironment(Map.of(
                MqttConnectorSettings.SESSION_EXPIRY_PROPERTY, "0")::get).sessionExpiry(), "0: no persistent session");
    }

    @Test
    void retriesBackOffExponentiallyUpToTheCap() {
        MqttConnectorSettings settings = MqttConnectorSettings.defaults()
                .withRetryDelays(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertEquals(Duration.ofMillis(500), settings.retryDelay(1));
        assertEquals(Duration.ofMillis(1000), settings.retryDelay(2));
        assertEquals(Duration.ofMillis(2000), settings.retryDelay(3));
        assertEquals(Duration.ofSeconds(3), settings.retryDelay(4));
        assertEquals(Duration.ofSeconds(3), settings.retryDelay(40));
        assertThrows(IllegalArgumentException.class,
                () -> settings.withRetryDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void theClientIdIsTheSourcePathSoItSurvivesRestarts() {
        assertEquals("openfactory.plant-a.mqtt.meter-1",
                MqttConnector.clientIdFor(URI.create("/openfactory/plant-a/mqtt/meter-1")));
        assertEquals("openfactory.x_y.mqtt.m.1",
                MqttConnector.clientIdFor(URI.create("/openfactory/x%20y/mqtt/m.1")));
    }
}
