package org.openfactory.model.command;

import java.time.Instant;
import java.util.Objects;

/** The owning connector checked the command and is about to execute it; it will not execute it again. */
public record CommandAccepted(String correlationId, String assetId, String target, Instant at)
        implements CommandResult {

    public CommandAccepted {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
    }
}
