package org.openfactory.model.command;

import java.time.Instant;

/**
 * What became of a command, appended to {@code openfactory.command-results}. A command gets at most one
 * {@link CommandAccepted} and exactly one of the final results {@link CommandCompleted}, {@link CommandFailed} or
 * {@link CommandExpired}.
 */
public sealed interface CommandResult permits CommandAccepted, CommandCompleted, CommandFailed, CommandExpired {

    String correlationId();

    String assetId();

    /** The data item or method the command was for. */
    String target();

    /** When the connector decided. */
    Instant at();

    /** True for the results after which nothing more happens to the command. */
    default boolean isFinal() {
        return !(this instanceof CommandAccepted);
    }
}
