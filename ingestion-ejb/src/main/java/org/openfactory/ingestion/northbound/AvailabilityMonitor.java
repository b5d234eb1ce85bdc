package org.openfactory.ingestion.northbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.openfactory.model.event.AvailabilityChanged;
import org.openfactory.model.value.Availability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the connection state of each connector into AVAILABLE / UNAVAILABLE events, for every protocol alike.
 * A connected asset is AVAILABLE at the next check; one that has not been connected for {@code unavailableAfter}
 * becomes UNAVAILABLE, so a short reconnect does not flap. Only changes are published.
 */
public final class AvailabilityMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityMonitor.class);

    private final AvailabilitySink sink;
    private final Clock clock;
    private final Duration unavailableAfter;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    public AvailabilityMonitor(AvailabilitySink sink, Clock clock, Duration unavailableAfter) {
        this.sink = sink;
        this.clock = clock;
        this.unavailableAfter = unavailableAfter;
    }

    /**
     * Starts watching an asset's connector; its availability is unknown until the first check decides. A connector
     * that replaces another (the asset was updated) continues its availability: no flap, no repeated event.
     */
    public void watch(String assetId, URI source, BooleanSupplier connected) {
        Watched next = new Watched(assetId, source, connected, clock.instant());
        Watched previous = watched.put(assetId, next);
        if (previous != null) {
            next.published = previous.published;
        }
    }

    /** The connector stops: nobody can vouch for the asset any more. */
    public void unwatch(String assetId, String reason) {
        Watched w = watched.remove(assetId);
        if (w != null && w.published != Availability.UNAVAILABLE) {
            publish(w, Availability.UNAVAILABLE, reason);
        }
    }

    public void unwatchAll(String reason) {
        watched.keySet().forEach(assetId -> unwatch(assetId, reason));
    }

    /** Compares every connector's state with what was last published; call it periodically. */
    public void check() {
        Instant now = clock.instant();
        for (Watched w : watched.values()) {
            boolean connected;
            try {
                connected = w.connected.getAsBoolean();
            } catch (RuntimeException e) {
                connected = false;
            }
            if (connected) {
                w.lastConnected = now;
                if (w.published != Availability.AVAILABLE) {
                    publish(w, Availability.AVAILABLE, "connected");
                }
            } else if (w.published != Availability.UNAVAILABLE
                    && !now.isBefore(w.lastConnected.plus(unavailableAfter))) {
                publish(w, Availability.UNAVAILABLE, "not connected for " + unavailableAfter.toMillis() + " ms");
            }
        }
    }

    private void publish(Watched w, Availability availability, String reason) {
        w.published = availability;
        LOG.info("Asset {}: {} ({})", w.assetId, availability, reason);
        sink.accept(w.source, new AvailabilityChanged(w.assetId, availability, reason, clock.instant()));
    }

    /** Written by the checking thread only. */
    private static final class Watched {
        final String assetId;
        final URI source;
        final BooleanSupplier connected;
        Instant lastConnected;
        Availability published;

        Watched(String assetId, URI source, BooleanSupplier connected, Instant since) {
            this.assetId = assetId;
            this.source = source;
            this.connected = connected;
            this.lastConnected = since;
        }
    }
}
