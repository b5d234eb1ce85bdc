package org.openfactory.ingestion.northbound.mtconnect;

/** An observation's value or time cannot be read as its data item declares. */
public final class UnreadableObservationException extends Exception {

    public UnreadableObservationException(String reason) {
        super(reason);
    }
}
