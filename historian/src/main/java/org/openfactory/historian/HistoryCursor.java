package org.openfactory.historian;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A position in the page order (device time, partition, offset), as an opaque Relay cursor: URL-safe base64 of a
 * version byte and the three numbers. The same cursor is valid on either history source.
 */
public record HistoryCursor(Instant observedAt, int partition, long offset) {

    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + Long.BYTES + Integer.BYTES + Integer.BYTES + Long.BYTES;

    public HistoryCursor {
        Objects.requireNonNull(observedAt, "observedAt");
    }

    public String encode() {
        ByteBuffer buf = ByteBuffer.allocate(LENGTH)
                .put(VERSION)
                .putLong(observedAt.getEpochSecond())
                .putInt(observedAt.getNano())
                .putInt(partition)
                .putLong(offset);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** @throws IllegalArgumentException naming the cursor if it was not made by {@link #encode} */
    public static HistoryCursor decode(String cursor) {
        if (cursor == null) {
            throw new IllegalArgumentException("cursor must not be null");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor, "not base64url");
        }
        if (bytes.length != LENGTH || bytes[0] != VERSION) {
            throw invalid(cursor, "not a history cursor");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
        long seconds = buf.getLong();
        int nanos = buf.getInt();
        int partition = buf.getInt();
        long offset = buf.getLong();
        if (nanos < 0 || nanos > 999_999_999 || partition < 0 || offset < 0) {
            throw invalid(cursor, "out of range");
        }
        try {
            return new HistoryCursor(Instant.ofEpochSecond(seconds, nanos), partition, offset);
        } catch (DateTimeException e) {
            throw invalid(cursor, "time out of range");
        }
    }

    /** True if {@code row} comes after this position in the page order. */
    public boolean isBefore(HistoryRow row) {
        int c = row.observedAt().compareTo(observedAt);
        if (c == 0) {
            c = Integer.compare(row.partition(), partition);
        }
        if (c == 0) {
            c = Long.compare(row.offset(), offset);
        }
        return c > 0;
    }

    private static IllegalArgumentException invalid(String cursor, String why) {
        String shown = cursor.length() > 80 ? cursor.substring(0, 80) + "..." : cursor;
        return new IllegalArgumentException("invalid cursor '" + shown + "': " + why);
    }
}
