package org.openfactory.ingestion.northbound.opcua;

/** An OPC UA event whose fields cannot become a condition value (a mandatory field missing or of a wrong type). */
final class UnmappableEventException extends Exception {

    UnmappableEventException(String reason) {
        super(reason);
    }
}
