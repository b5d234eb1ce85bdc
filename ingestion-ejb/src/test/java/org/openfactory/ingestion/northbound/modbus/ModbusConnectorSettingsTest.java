package org.openfactory.ingestion.northbound.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ModbusConnectorSettingsTest {

    @Test
    void theRetryDelayDoublesUpToItsCapOf30SecondsByDefault() {
        ModbusConnectorSettings settings = ModbusConnectorSettings.defaults();
        assertEquals(Duration.ofMillis(500), settings.retryDelay(1));
        assertEquals(Duration.ofMillis(1000), settings.retryDelay(2));
        assertEquals(Duration.ofMillis(16_000), settings.retryDelay(6));
        assertEquals(Duration.ofSeconds(30), settings.retryDelay(7));
        assertEquals(Duration.ofSeconds(30), settings.retryDelay(1_000));
    }

    @Test
    void testsCanShortenTheBackoff() {
        ModbusConnectorSettings settings = ModbusConnectorSettings.defaults()
                .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(200));
        assertEquals(Duration.ofMillis(200), settings.retryDelay(4));
        assertThrows(IllegalArgumentException.class, () -> settings.withRetryDelays(Duration.ofSeconds(2),
                Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> settings.withMaxGap(-1));
    }
}
