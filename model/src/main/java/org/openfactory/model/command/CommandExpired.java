package org.openfactory.model.command;

import java.time.Instant;
import java.util.Objects;

/** The command reached its connector after its expiry and was not executed. */
public record CommandExpired(String correlationId, String assetId, String target, Instant expiresAt, Instant at)
        implements CommandResult {

    public CommandExpired {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(at, "at");
    }
}
