package org.openfactory.model.event;

/** Versioned CloudEvents {@code type} values. A breaking change to a payload gets a new version. */
public final class EventTypes {
    public static final String SAMPLE_OBSERVED = "org.openfactory.sample.v1";
    public static final String AVAILABILITY_CHANGED = "org.openfactory.availability.v1";

    private EventTypes() {
    }
}
