package org.openfactory.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.registry.projection.LatestState;

class LatestStateTest {

    private static final URI SOURCE = URI.create("/test");

    @Test
    void keepsTheLastValueInLogOrderPerDataItem() {
        LatestState state = new LatestState();
        state.apply(event("tc-1", "t", 1.0, 0));
        state.apply(event("tc-1", "t", 2.0, 1));
        state.apply(event("tc-1", "s", 9.0, 2));
        state.apply(event("tc-2", "t", 5.0, 3));
        assertEquals(new Value.Number(2.0), state.of("tc-1", "t").orElseThrow().value());
        assertEquals(new Value.Number(9.0), state.of("tc-1", "s").orElseThrow().value());
        assertEquals(1, state.of("tc-2").size());
        assertTrue(state.of("unknown").isEmpty());
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        LatestState state = new LatestState();
        Envelope<SampleObserved> e = event("tc-1", "t", 1.0, 0);
        assertTrue(state.apply(e).isPresent());
        assertTrue(state.apply(e).isEmpty());
    }

    @Test
    void anOlderObservationArrivingLateDoesNotReplaceANewerOne() {
        LatestState state = new LatestState();
        Envelope<SampleObserved> old = event("tc-1", "t", 1.0, 0);
        state.apply(old);
        state.apply(event("tc-1", "t", 2.0, 5));
        assertTrue(state.apply(old).isEmpty(), "re-sent old event");
        assertTrue(state.apply(event("tc-1", "t", 3.0, 4)).isEmpty(), "late store-and-forward value");
        assertEquals(new Value.Number(2.0), state.of("tc-1", "t").orElseThrow().value());
        assertTrue(state.apply(event("tc-1", "t", 4.0, 5)).isPresent(), "same device time: the later in the log wins");
    }

    private static Envelope<SampleObserved> event(String asset, String item, double v, int second) {
        SampleObserved s = new SampleObserved(asset, item, Category.SAMPLE, new Value.Number(v), null,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second));
        return EventCodecs.SAMPLE.envelope(SOURCE, s, Instant.now());
    }
}
