package org.openfactory.ingestion.southbound.opcua;

/** A command value that does not fit the OPC UA type of its target; the message says why. */
final class ArgumentMismatchException extends Exception {

    ArgumentMismatchException(String reason) {
        super(reason);
    }
}
