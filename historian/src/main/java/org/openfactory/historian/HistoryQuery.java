package org.openfactory.historian;

import java.time.Instant;

/**
 * A question for one page of a data item's history: rows with {@code from <= observedAt < to} in device-time order
 * (ties by partition and offset), the first {@code first} after the cursor {@code after}.
 *
 * @param from  inclusive lower bound of device time; null for no bound
 * @param to    exclusive upper bound of device time; null for no bound
 * @param after the position to continue after; null for the start of the range
 */
public record HistoryQuery(String assetId, String dataItemId, Instant from, Instant to, int first,
                           HistoryCursor after) {

    /** Pages are held in memory on either source: this bounds one answer. */
    public static final int MAX_FIRST = 10_000;

    public HistoryQuery {
        if (assetId == null || assetId.isBlank()) {
            throw new IllegalArgumentException("assetId must not be blank");
        }
        if (dataItemId == null || dataItemId.isBlank()) {
            throw new IllegalArgumentException("dataItemId must not be blank");
        }
        if (first < 1 || first > MAX_FIRST) {
            throw new IllegalArgumentException("first must be between 1 and " + MAX_FIRST + ": " + first);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
    }

    /** Parses {@code after} as a cursor; a bad one is an {@link IllegalArgumentException} naming it. */
    public static HistoryQuery of(String assetId, String dataItemId, Instant from, Instant to, int first,
                                  String after) {
        return new HistoryQuery(assetId, dataItemId, from, to, first, after == null ? null
                : HistoryCursor.decode(after));
    }

    /** True if {@code row} is of this data item and within {@code [from, to)}, wherever the cursor is. */
    boolean inRange(HistoryRow row) {
        return assetId.equals(row.assetId()) && dataItemId.equals(row.dataItemId())
                && (from == null || !row.observedAt().isBefore(from))
                && (to == null || row.observedAt().isBefore(to));
    }

    /** The earliest device time a row of the answer can have. */
    Instant lowerBound() {
        Instant lower = from;
        if (after != null && (lower == null || after.observedAt().isAfter(lower))) {
            lower = after.observedAt();
        }
        return lower;
    }

    String describe() {
        return assetId + "/" + dataItemId + " [" + (from == null ? "-inf" : from) + ", " + (to == null ? "+inf" : to)
                + ") first " + first + (after == null ? "" : " after " + after);
    }
}
