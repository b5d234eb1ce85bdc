package org.openfactory.ingestion.northbound.mtconnect;

/** An agent's answer is not a readable MTConnect document: not well-formed, a DTD, or required parts missing. */
public final class MalformedDocumentException extends Exception {

    public MalformedDocumentException(String message) {
        super(message);
    }

    public MalformedDocumentException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
