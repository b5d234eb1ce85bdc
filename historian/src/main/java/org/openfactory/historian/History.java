package org.openfactory.historian;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data item's history, page by page: from the PostgreSQL historian, or from the log when PostgreSQL cannot
 * answer. Either way the page is the same for the same records; {@link HistoryPage#source()} says which served it.
 *
 * <p>The historian answers as far as its sink has written: rows still in the sink's current batch (a fraction of
 * a second while it keeps up) are not in the page yet. Thread-safe.
 */
public final class History {

    private static final Logger LOG = LoggerFactory.getLogger(History.class);

    private final HistorianReader historian;
    private final LogHistoryReader log;
    private volatile boolean historianDown;

    public History(HistorianReader historian, LogHistoryReader log) {
        this.historian = Objects.requireNonNull(historian, "historian");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Rows of {@code assetId}/{@code dataItemId} with {@code from <= observedAt < to}, in device-time order (ties by
     * partition and offset), the first {@code first} after the cursor {@code after}.
     *
     * @param from  inclusive; null for no lower bound
     * @param to    exclusive; null for no upper bound
     * @param after an {@link HistoryPage#endCursor()}; null for the start of the range
     * @throws IllegalArgumentException for a bad cursor (naming it), a blank id, {@code first} outside
     *                                  1..{@value HistoryQuery#MAX_FIRST} or {@code to} before {@code from}
     * @throws org.apache.kafka.common.errors.TimeoutException if PostgreSQL failed and the log could not be read
     *                                                         in time either
     */
    public HistoryPage page(String assetId, String dataItemId, Instant from, Instant to, int first, String after) {
        return page(HistoryQuery.of(assetId, dataItemId, from, to, first, after));
    }

    public HistoryPage page(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        try {
            HistoryPage page = historian.page(query);
            if (historianDown) {
                historianDown = false;
                LOG.info("History: PostgreSQL answers again");
            }
            return page;
        } catch (SQLException e) {
            if (!historianDown) { // once per outage, not once per page
                historianDown = true;
                LOG.warn("History of {}: PostgreSQL cannot answer ({}, SQLState {}); answering from the log until "
                        + "it can", query.describe(), e.getMessage(), e.getSQLState());
            } else {
                LOG.debug("History of {}: PostgreSQL still cannot answer ({}), answering from the log",
                        query.describe(), e.getMessage());
            }
            return log.page(query);
        }
    }
}
