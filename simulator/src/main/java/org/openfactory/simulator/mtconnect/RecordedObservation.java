package org.openfactory.simulator.mtconnect;

import java.time.Instant;

/** An observation in the agent's buffer: a reading with its sequence number and the time the agent took it. */
public record RecordedObservation(long sequence, Instant timestamp, Reading reading) {

    public String dataItemId() {
        return reading.dataItemId();
    }
}
