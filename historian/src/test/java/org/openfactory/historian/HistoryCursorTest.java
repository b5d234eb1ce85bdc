package org.openfactory.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class HistoryCursorTest {

    @Test
    void aCursorRoundTripsToTheNanosecond() {
        for (HistoryCursor c : new HistoryCursor[] {
                new HistoryCursor(Instant.parse("2026-11-24T10:15:30.123456789Z"), 5, 1187),
                new HistoryCursor(Instant.parse("0001-01-01T00:00:00Z"), 0, 0),
                new HistoryCursor(Instant.parse("1969-12-31T23:59:59.999999999Z"), Integer.MAX_VALUE, Long.MAX_VALUE)}) {
            String encoded = c.encode();
            assertTrue(encoded.matches("[A-Za-z0-9_-]+"), "URL-safe: " + encoded);
            assertEquals(c, HistoryCursor.decode(encoded));
        }
    }

    @Test
    void aBadCursorIsRefusedNamingIt() {
        String valid = new HistoryCursor(Instant.EPOCH, 1, 2).encode();
        String tooLong = "A".repeat(500);
        for (String bad : new String[] {"", "%%%", "AAAA", valid + "AA", "B" + valid.substring(1), tooLong}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HistoryCursor.decode(bad));
            assertTrue(e.getMessage().startsWith("invalid cursor '" + bad.substring(0, Math.min(bad.length(), 80))),
                    e.getMessage());
            assertTrue(e.getMessage().length() < 200, "a long cursor is shortened in the message");
        }
        assertThrows(IllegalArgumentException.class, () -> HistoryCursor.decode(null));
    }

    @Test
    void rowsAfterACursorAreLaterInDeviceTimeThenPartitionThenOffset() {
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        HistoryCursor c = new HistoryCursor(t, 1, 10);
        assertTrue(c.isBefore(row(t.plusNanos(1), 0, 0)));
        assertTrue(c.isBefore(row(t, 1, 11)));
        assertTrue(c.isBefore(row(t, 2, 0)));
        assertFalse(c.isBefore(row(t, 1, 10)));
        assertFalse(c.isBefore(row(t, 0, 99)));
        assertFalse(c.isBefore(row(t.minus(Duration.ofNanos(1)), 9, 99)));
    }

    @Test
    void aQueryChecksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> HistoryQuery.of("a", "i", null, null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> HistoryQuery.of("", "i", null, null, 1, null));
        assertThrows(IllegalArgumentException.class, () -> HistoryQuery.of("a", null, null, null, 1, null));
        Instant t = Instant.now();
        assertThrows(IllegalArgumentException.class, () -> HistoryQuery.of("a", "i", t, t.minusNanos(1), 1, null));
        assertEquals(t, HistoryQuery.of("a", "i", t.minusSeconds(1), null, 1,
                new HistoryCursor(t, 0, 0).encode()).lowerBound());
    }

    private static HistoryRow row(Instant observedAt, int partition, long offset) {
        return new HistoryRow("id", "/s", "a", "i", org.openfactory.model.value.Category.SAMPLE,
                org.openfactory.model.value.Value.UNAVAILABLE, null, observedAt, observedAt, partition, offset);
    }
}
