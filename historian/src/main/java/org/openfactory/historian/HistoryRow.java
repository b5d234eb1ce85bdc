package org.openfactory.historian;

import java.util.Comparator;
import java.time.Instant;
import java.util.Objects;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;

/**
 * One stored sample: the event as it was on the log and where it was (partition, offset). Both history sources
 * give these rows, equal field by field for the same record.
 *
 * @param source     the CloudEvents source (the connector instance)
 * @param units      engineering units, or null
 * @param observedAt device time, to the nanosecond
 * @param ingestedAt when the platform appended the event (extension {@code ingesttime}), to the microsecond, as
 *                   PostgreSQL keeps it
 */
public record HistoryRow(String eventId, String source, String assetId, String dataItemId, Category category,
                         Value value, String units, Instant observedAt, Instant ingestedAt, int partition,
                         long offset) {

    /** The page order: device time, then log position (an asset's events share a partition). */
    public static final Comparator<HistoryRow> ORDER = Comparator.comparing(HistoryRow::observedAt)
            .thenComparingInt(HistoryRow::partition)
            .thenComparingLong(HistoryRow::offset);

    public HistoryRow {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(dataItemId, "dataItemId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
    }

    /** This row's position, for a page's cursors. */
    public HistoryCursor cursor() {
        return new HistoryCursor(observedAt, partition, offset);
    }
}
