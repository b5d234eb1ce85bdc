package org.openfactory.model.envelope;

import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.command.CommandResult;
import org.openfactory.model.event.AvailabilityChanged;
import org.openfactory.model.event.SampleObserved;

/** The codec of each event type of the platform. */
public final class EventCodecs {

    /** {@code org.openfactory.sample.v1} */
    public static final CloudEventCodec<SampleObserved> SAMPLE =
            new CloudEventCodec<>(new SampleFormat(), new SampleEventReader()::read);

    /** {@code org.openfactory.availability.v1} */
    public static final CloudEventCodec<AvailabilityChanged> AVAILABILITY =
            new CloudEventCodec<>(new AvailabilityFormat());

    /** {@code org.openfactory.command.issued.v1} */
    public static final CloudEventCodec<CommandIssued> COMMAND = new CloudEventCodec<>(new CommandIssuedFormat());

    /** {@code org.openfactory.command.accepted/completed/failed/expired.v1} */
    public static final CloudEventCodec<CommandResult> COMMAND_RESULT =
            new CloudEventCodec<>(new CommandResultFormat());

    private EventCodecs() {
    }
}
