package org.openfactory.graphql.api;

import io.smallrye.graphql.api.ErrorCode;

/** A request whose arguments cannot be served as given; the message says which and why. */
@ErrorCode("BAD_REQUEST")
public class BadRequestException extends Exception {
    public BadRequestException(String message) {
        super(message);
    }
}
