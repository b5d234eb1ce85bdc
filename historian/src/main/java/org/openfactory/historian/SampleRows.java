package org.openfactory.historian;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Value;

/**
 * Turns a record of the samples topic into a {@link HistoryRow}, or says why it cannot be one. The sink and the log
 * fallback both use it, so both sources keep and skip the same records.
 */
final class SampleRows {

    /** The device times PostgreSQL's timestamptz holds and a page can be asked about: years 1 to 9999. */
    static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private SampleRows() {
    }

    /**
     * @param key   the record key's bytes (the asset id as UTF-8)
     * @param value the record value
     * @throws MalformedEventException if the record is not a sample event the table can hold; the message says why
     */
    static HistoryRow toRow(byte[] key, byte[] value, int partition, long offset) {
        if (value == null) {
            throw new MalformedEventException("no value (a tombstone)");
        }
        Envelope<SampleObserved> event = EventCodecs.SAMPLE.decode(value);
        SampleObserved sample = event.payload();
        if (key == null || !Arrays.equals(key, sample.assetId().getBytes(StandardCharsets.UTF_8))) {
            // the fallback finds an asset's rows by key: a row filed under another key could not be found there
            throw new MalformedEventException("event " + event.id() + " of asset " + sample.assetId()
                    + " has record key " + (key == null ? "null" : "'" + new String(key, StandardCharsets.UTF_8) + "'"));
        }
        checkTime(event.id(), "time", sample.observedAt());
        checkTime(event.id(), "ingesttime", event.ingestedAt());
        HistoryRow row = new HistoryRow(event.id(), event.source().toString(), sample.assetId(), sample.dataItemId(),
                sample.category(), sample.value(), sample.units(), sample.observedAt(),
                event.ingestedAt().truncatedTo(ChronoUnit.MICROS), partition, offset);
        checkText(row);
        return row;
    }

    private static void checkTime(String eventId, String attribute, Instant time) {
        if (time.isBefore(MIN_TIME) || time.isAfter(MAX_TIME)) {
            throw new MalformedEventException("event " + eventId + ": '" + attribute + "' " + time
                    + " is outside the years 1 to 9999");
        }
    }

    /** PostgreSQL text cannot hold the NUL character; such an event would block the sink forever. */
    private static void checkText(HistoryRow row) {
        Value v = row.value();
        String[] texts = {row.eventId(), row.source(), row.assetId(), row.dataItemId(), row.units(),
                v instanceof Value.Text t ? t.value() : null,
                v instanceof Value.Condition c ? c.nativeCode() : null,
                v instanceof Value.Condition c ? c.message() : null};
        for (String text : texts) {
            if (text != null && text.indexOf('\0') >= 0) {
                throw new MalformedEventException("event " + row.eventId()
                        + " holds a NUL character, which PostgreSQL text cannot store");
            }
        }
    }
}
