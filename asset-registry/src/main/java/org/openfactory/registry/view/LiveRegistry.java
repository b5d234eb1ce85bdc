package org.openfactory.registry.view;

import java.util.Optional;

import org.openfactory.model.envelope.Envelope;
import org.openfactory.registry.event.RegistryEvent;

/**
 * The registry view of a running instance: one thread applies events as they arrive on the log, any thread reads
 * a consistent, immutable {@link RegistryView}. The view is rebuilt lazily, only after it changed.
 */
public final class LiveRegistry {

    private final RegistryView.Builder builder = RegistryView.builder();
    private RegistryView view = RegistryView.empty(); // guarded by this
    private boolean stale; // guarded by this

    /** @return the asset's new entry, or empty when the event changed nothing */
    public synchronized Optional<RegistryEntry> apply(Envelope<? extends RegistryEvent> event) {
        Optional<RegistryEntry> changed = builder.apply(event);
        stale |= changed.isPresent();
        return changed;
    }

    public synchronized RegistryView view() {
        if (stale) {
            view = builder.build();
            stale = false;
        }
        return view;
    }
}
