package org.openfactory.ingestion.southbound;

import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.CommandResult;

/** The outcome of checking a command before execution: go ahead, or the result that ends it at once. */
public sealed interface CommandCheck permits CommandCheck.Passed, CommandCheck.Refused {

    record Passed(DeviceCommand command) implements CommandCheck {
    }

    /** @param result a CommandFailed or CommandExpired */
    record Refused(CommandResult result) implements CommandCheck {
    }
}
