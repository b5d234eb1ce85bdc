package org.openfactory.ingestion.northbound.mtconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void continuesFromTheBaselineAndDropsDuplicates() {
        assertFalse(tracker.hasBaseline());
        tracker.baseline(new AgentHeader("7", 100L, 1L, 41L, 42L));
        assertEquals(42, tracker.nextSequence());
        assertEquals(SequenceTracker.Verdict.CONTINUE, tracker.check(new AgentHeader("7", 100L, 1L, 45L, 46L)));

        assertFalse(tracker.accept(41), "before the baseline: already in /current");
        assertTrue(tracker.accept(42));
        assertTrue(tracker.accept(44), "sequence numbers of other devices are skipped");
        assertFalse(tracker.accept(44), "a duplicate");
        tracker.advance(new AgentHeader("7", 100L, 1L, 45L, 46L));
        assertEquals(46, tracker.nextSequence());
        tracker.advance(new AgentHeader("7", 100L, 1L, 45L, 40L));
        assertEquals(46, tracker.nextSequence(), "never goes back");
    }

    @Test
    void anotherInstanceIdIsARestart() {
        tracker.baseline(new AgentHeader("7", 100L, 1L, 41L, 42L));
        assertEquals(SequenceTracker.Verdict.RESTARTED, tracker.check(new AgentHeader("8", 100L, 1L, 3L, 4L)));
        assertEquals(SequenceTracker.Verdict.RESTARTED, tracker.check(new AgentHeader("8", 100L, null, null, null)),
                "an error document's header tells too");
    }

    @Test
    void aFirstSequenceBeyondTheExpectedOneMeansLostObservations() {
        tracker.baseline(new AgentHeader("7", 100L, 1L, 41L, 42L));
        assertEquals(SequenceTracker.Verdict.CONTINUE, tracker.check(new AgentHeader("7", 100L, 42L, 141L, 142L)));
        assertEquals(SequenceTracker.Verdict.OUT_OF_BUFFER,
                tracker.check(new AgentHeader("7", 100L, 43L, 142L, 143L)));
        tracker.reset();
        assertFalse(tracker.hasBaseline());
    }
}
