package org.openfactory.ingestion.northbound.mtconnect;

/**
 * Where the connector stands in the agent's sequence of observations: the agent instance it read from and the next
 * sequence number it expects. From it a dropped stream resumes without gaps ({@code from=nextSequence}) and without
 * duplicates (an observation below {@code nextSequence} was already published). Not thread-safe: used by the
 * connector's reading thread only.
 */
final class SequenceTracker {

    /** What a document's Header means for the position. */
    enum Verdict {
        /** Same agent instance, the next observation is still in its buffer: go on. */
        CONTINUE,
        /** Another instanceId: the agent restarted; its sequence numbers mean something else now. */
        RESTARTED,
        /** The expected observation fell out of the agent's buffer: observations were lost. */
        OUT_OF_BUFFER
    }

    private String instanceId;
    private long nextSequence;

    /** Starts over from a {@code /current} document: its observations are the baseline, then its nextSequence. */
    void baseline(AgentHeader current) {
        if (!current.hasSequences()) {
            throw new IllegalArgumentException("a baseline needs a streams Header with sequence numbers");
        }
        instanceId = current.instanceId();
        nextSequence = current.nextSequence();
    }

    boolean hasBaseline() {
        return instanceId != null;
    }

    /** Forgets the position: the next read starts from {@code /current}. */
    void reset() {
        instanceId = null;
        nextSequence = 0;
    }

    String instanceId() {
        return instanceId;
    }

    /** The {@code from} of the next {@code /sample}. */
    long nextSequence() {
        return nextSequence;
    }

    /** Judges the Header of a document read from {@code /sample} (a streams or an error document). */
    Verdict check(AgentHeader header) {
        if (!header.instanceId().equals(instanceId)) {
            return Verdict.RESTARTED;
        }
        if (header.firstSequence() != null && header.firstSequence() > nextSequence) {
            return Verdict.OUT_OF_BUFFER;
        }
        return Verdict.CONTINUE;
    }

    /**
     * Takes an observation in sequence order.
     *
     * @return false if it was taken before (a duplicate), true if it is new
     */
    boolean accept(long sequence) {
        if (sequence < nextSequence) {
            return false;
        }
        nextSequence = sequence + 1;
        return true;
    }

    /** After a whole document: continue where the agent says, never going back. */
    void advance(AgentHeader header) {
        if (header.nextSequence() != null && header.nextSequence() > nextSequence) {
            nextSequence = header.nextSequence();
        }
    }
}
