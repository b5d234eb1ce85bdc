package org.openfactory.ingestion.northbound;

import java.net.URI;

import org.openfactory.model.event.AvailabilityChanged;

/** Where availability changes go; the platform's implementation appends them to the log. */
@FunctionalInterface
public interface AvailabilitySink {

    void accept(URI source, AvailabilityChanged event);
}
