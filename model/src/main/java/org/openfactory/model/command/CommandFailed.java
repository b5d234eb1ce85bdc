package org.openfactory.model.command;

import java.time.Instant;
import java.util.Objects;

/**
 * The command was refused or the device did not do it.
 *
 * @param code   a stable code for programs
 * @param reason what went wrong, naming the asset, the target and the cause, for people
 */
public record CommandFailed(String correlationId, String assetId, String target, FailureCode code, String reason,
                            Instant at) implements CommandResult {

    public CommandFailed {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
