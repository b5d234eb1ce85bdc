package org.openfactory.ingestion.southbound;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import org.openfactory.model.command.CommandResult;

/** Where command results go; the platform's implementation appends them to the log. */
@FunctionalInterface
public interface CommandResultSink {

    /**
     * @param source the dispatcher that decided (CloudEvents {@code source})
     * @return completes once the result is durably on the log (acks=all), exceptionally if it could not be
     */
    CompletableFuture<Void> append(URI source, CommandResult result);
}
