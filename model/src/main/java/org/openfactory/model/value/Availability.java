package org.openfactory.model.value;

/** Whether the platform can reach an asset, as its connector sees it. */
public enum Availability {
    AVAILABLE, UNAVAILABLE
}
