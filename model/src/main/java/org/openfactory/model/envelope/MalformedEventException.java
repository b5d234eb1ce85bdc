package org.openfactory.model.envelope;

/** An event on the log, or one about to be written, does not follow the envelope. The message says what is wrong. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
