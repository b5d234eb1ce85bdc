package org.openfactory.model.command;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.openfactory.model.value.Value;

/**
 * The device did what the command asked.
 *
 * @param outputs a method's output arguments in order; empty for a write
 */
public record CommandCompleted(String correlationId, String assetId, String target, List<Value> outputs, Instant at)
        implements CommandResult {

    public CommandCompleted {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        outputs = List.copyOf(outputs);
    }
}
