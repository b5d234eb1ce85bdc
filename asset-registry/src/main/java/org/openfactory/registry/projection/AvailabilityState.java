package org.openfactory.registry.projection;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.event.AvailabilityChanged;

/** The latest availability per asset, folded from the availability log. One writer thread; any thread reads. */
public final class AvailabilityState {

    private final Map<String, AvailabilityChanged> byAsset = new ConcurrentHashMap<>();

    /** @return the event if it changed the asset's availability, empty if it repeats the current one */
    public Optional<AvailabilityChanged> apply(Envelope<AvailabilityChanged> event) {
        AvailabilityChanged next = event.payload();
        AvailabilityChanged previous = byAsset.put(next.assetId(), next);
        return next.equals(previous) ? Optional.empty() : Optional.of(next);
    }

    public Optional<AvailabilityChanged> of(String assetId) {
        return Optional.ofNullable(byAsset.get(assetId));
    }
}
