package org.openfactory.ingestion.northbound;

import java.net.URI;

import org.openfactory.model.event.SampleObserved;

/** Where a northbound connector hands what it observed; the platform's implementation appends it to the log. */
@FunctionalInterface
public interface SampleSink {

    /**
     * @param source the connector instance that observed the sample (CloudEvents {@code source})
     */
    void accept(URI source, SampleObserved sample);
}
