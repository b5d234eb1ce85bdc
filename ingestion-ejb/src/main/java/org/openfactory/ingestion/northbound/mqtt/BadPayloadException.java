package org.openfactory.ingestion.northbound.mqtt;

/** A message, or the value of one data item in it, cannot be read; the connector logs it and skips it. */
public final class BadPayloadException extends Exception {

    public BadPayloadException(String reason) {
        super(reason);
    }

    public BadPayloadException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
