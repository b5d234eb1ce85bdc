package org.openfactory.graphql.api;

import io.smallrye.graphql.api.ErrorCode;

/** A request named an asset the platform does not know. */
@ErrorCode("NOT_FOUND")
public class AssetNotFoundException extends NotFoundException {
    public AssetNotFoundException(String assetId) {
        super("Unknown asset '" + assetId + "'");
    }
}
