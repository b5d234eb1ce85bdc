package org.openfactory.ingestion.connector;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import org.openfactory.ingestion.northbound.SampleSink;

/**
 * What the platform gives a connector.
 *
 * @param source  this connector instance, the CloudEvents {@code source} of what it observes
 * @param samples where observed values go (the log)
 * @param threads where the connector gets its threads: Liberty's ManagedThreadFactory in the server
 */
public record ConnectorContext(URI source, SampleSink samples, ThreadFactory threads, Clock clock) {

    public ConnectorContext {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(clock, "clock");
    }
}
