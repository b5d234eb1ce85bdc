package org.openfactory.ingestion.northbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.openfactory.model.event.AvailabilityChanged;
import org.openfactory.model.value.Availability;

class AvailabilityMonitorTest {

    private static final URI SOURCE = URI.create("/openfactory/test/opcua/tc-1");

    private Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private final List<AvailabilityChanged> published = new ArrayList<>();
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AvailabilityMonitor monitor = new AvailabilityMonitor((source, event) -> published.add(event),
            new Clock() {
                public ZoneOffset getZone() { return ZoneOffset.UTC; }
                public Clock withZone(java.time.ZoneId zone) { return this; }
                public Instant instant() { return now; }
            }, Duration.ofSeconds(5));

    @Test
    void aConnectedAssetIsAvailableAtTheNextCheck() {
        monitor.watch("tc-1", SOURCE, connected::get);
        connected.set(true);
        monitor.check();
        assertEquals(List.of(Availability.AVAILABLE), availabilities());
        monitor.check();
        assertEquals(1, published.size(), "only changes are published");
    }

    @Test
    void aLostAssetIsUnavailableOnlyAfterTheConfiguredTime() {
        monitor.watch("tc-1", SOURCE, connected::get);
        connected.set(true);
        monitor.check();
        connected.set(false);
        advance(4_000);
        monitor.check();
        assertEquals(List.of(Availability.AVAILABLE), availabilities(), "a short outage does not flap");
        advance(1_000);
        monitor.check();
        assertEquals(List.of(Availability.AVAILABLE, Availability.UNAVAILABLE), availabilities());
        assertTrue(published.get(1).reason().contains("5000 ms"), published.get(1).reason());
        connected.set(true);
        monitor.check();
        assertEquals(Availability.AVAILABLE, published.get(2).availability(), "data flows again: available");
    }

    @Test
    void aDeviceThatNeverAnswersIsUnavailableAfterTheConfiguredTime() {
        monitor.watch("tc-1", SOURCE, connected::get);
        monitor.check();
        assertTrue(published.isEmpty());
        advance(5_000);
        monitor.check();
        assertEquals(List.of(Availability.UNAVAILABLE), availabilities());
    }

    @Test
    void aReplacedConnectorContinuesTheAvailabilityWithoutFlapping() {
        monitor.watch("tc-1", SOURCE, connected::get);
        connected.set(true);
        monitor.check();
        AtomicBoolean replacement = new AtomicBoolean(true);
        monitor.watch("tc-1", SOURCE, replacement::get);
        monitor.check();
        assertEquals(List.of(Availability.AVAILABLE), availabilities());
    }

    @Test
    void stoppingTheConnectorMakesTheAssetUnavailable() {
        monitor.watch("tc-1", SOURCE, connected::get);
        connected.set(true);
        monitor.check();
        monitor.unwatch("tc-1", "connector stopped");
        assertEquals(List.of(Availability.AVAILABLE, Availability.UNAVAILABLE), availabilities());
        assertEquals("connector stopped", published.get(1).reason());
    }

    @Test
    void aFailingConnectionProbeCountsAsNotConnected() {
        monitor.watch("tc-1", SOURCE, () -> {
            throw new IllegalStateException("probe failed");
        });
        advance(5_000);
        monitor.check();
        assertEquals(List.of(Availability.UNAVAILABLE), availabilities());
    }

    private void advance(long ms) {
        now = now.plusMillis(ms);
    }

    private List<Availability> availabilities() {
        return published.stream().map(AvailabilityChanged::availability).toList();
    }
}
