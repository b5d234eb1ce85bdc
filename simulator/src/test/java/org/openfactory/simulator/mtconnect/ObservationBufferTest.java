package org.openfactory.simulator.mtconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ObservationBufferTest {

    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void numbersObservationsAndForgetsTheOldestWhenFull() {
        var buffer = new ObservationBuffer(3);
        assertEquals(new ObservationBuffer.Window(1, 0, 1), buffer.window());
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, buffer.add(Reading.of("Xact", Integer.toString(i)), T).sequence());
        }
        assertEquals(new ObservationBuffer.Window(3, 5, 6), buffer.window());
        assertEquals(List.of(3L, 4L, 5L), buffer.history(1).stream().map(RecordedObservation::sequence).toList());
    }

    @Test
    void sinceHonoursCountAndTellsWhereToContinue() {
        var buffer = new ObservationBuffer(10);
        for (int i = 1; i <= 5; i++) {
            buffer.add(Reading.of("Xact", Integer.toString(i)), T);
        }
        ObservationBuffer.Slice slice = buffer.since(2, 2);
        assertEquals(List.of(2L, 3L), slice.observations().stream().map(RecordedObservation::sequence).toList());
        assertEquals(4, slice.nextSequence());
        ObservationBuffer.Slice none = buffer.since(6, 2);
        assertEquals(List.of(), none.observations());
        assertEquals(6, none.nextSequence());
    }

    @Test
    void currentHoldsTheLatestOfEachDataItemInSequenceOrder() {
        var buffer = new ObservationBuffer(10);
        buffer.add(Reading.of("Xact", "1"), T);
        buffer.add(Reading.of("Yact", "2"), T);
        buffer.add(Reading.of("Xact", "3"), T);
        ObservationBuffer.Slice current = buffer.current();
        assertEquals(List.of("2", "3"), current.observations().stream().map(o -> o.reading().value()).toList());
        assertEquals(4, current.nextSequence());
    }
}
