package org.openfactory.graphql.api;

import io.smallrye.graphql.api.ErrorCode;

/** A request named something the platform does not know. */
@ErrorCode("NOT_FOUND")
public class NotFoundException extends Exception {
    public NotFoundException(String message) {
        super(message);
    }
}
