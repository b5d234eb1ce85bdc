package org.openfactory.model.event;

/** Versioned CloudEvents {@code type} values. A breaking change to a payload gets a new version. */
public final class EventTypes {
    public static final String SAMPLE_OBSERVED = "org.openfactory.sample.v1";
    public static final String AVAILABILITY_CHANGED = "org.openfactory.availability.v1";
    public static final String COMMAND_ISSUED = "org.openfactory.command.issued.v1";
    public static final String COMMAND_ACCEPTED = "org.openfactory.command.accepted.v1";
    public static final String COMMAND_COMPLETED = "org.openfactory.command.completed.v1";
    public static final String COMMAND_FAILED = "org.openfactory.command.failed.v1";
    public static final String COMMAND_EXPIRED = "org.openfactory.command.expired.v1";

    private EventTypes() {
    }
}
