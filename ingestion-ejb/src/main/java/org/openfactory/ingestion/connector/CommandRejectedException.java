package org.openfactory.ingestion.connector;

import org.openfactory.model.command.FailureCode;

/** A connector could not execute a command; the message becomes the CommandFailed reason. */
public class CommandRejectedException extends RuntimeException {

    private final FailureCode code;

    public CommandRejectedException(FailureCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public CommandRejectedException(FailureCode code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }
}
