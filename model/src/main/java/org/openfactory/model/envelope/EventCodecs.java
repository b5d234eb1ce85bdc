package org.openfactory.model.envelope;

import org.openfactory.model.event.AvailabilityChanged;
import org.openfactory.model.event.SampleObserved;

/** The codec of each event type of the platform. */
public final class EventCodecs {

    /** {@code org.openfactory.sample.v1} */
    public static final CloudEventCodec<SampleObserved> SAMPLE = new CloudEventCodec<>(new SampleFormat());

    /** {@code org.openfactory.availability.v1} */
    public static final CloudEventCodec<AvailabilityChanged> AVAILABILITY =
            new CloudEventCodec<>(new AvailabilityFormat());

    private EventCodecs() {
    }
}
