package org.openfactory.ingestion.northbound.mtconnect;

import java.util.Objects;

/**
 * The Header of an agent's document. Streams documents carry the sequence window; error and devices documents may
 * not (then the sequence numbers are null).
 *
 * @param instanceId    changes whenever the agent restarts (its buffer and sequence numbers start over)
 * @param firstSequence oldest observation still in the agent's buffer
 * @param lastSequence  newest observation
 * @param nextSequence  where a client continues after this document
 */
public record AgentHeader(String instanceId, Long bufferSize, Long firstSequence, Long lastSequence,
                          Long nextSequence) {

    public AgentHeader {
        Objects.requireNonNull(instanceId, "instanceId");
    }

    public boolean hasSequences() {
        return firstSequence != null && lastSequence != null && nextSequence != null;
    }
}
