package org.openfactory.historian;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * History pages from the PostgreSQL table: a keyset scan of the history index, {@code first + 1} rows to learn
 * whether a next page exists. Thread-safe; each page takes one connection from the DataSource.
 */
public final class HistorianReader {

    private final DataSource dataSource;
    private final String schema;
    private final int queryTimeoutSeconds;

    /** @param queryTimeout how long one page may take in PostgreSQL (whole seconds, at least 1) */
    public HistorianReader(DataSource dataSource, String schema, Duration queryTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = HistorianSchema.checkSchemaName(schema);
        this.queryTimeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, queryTimeout.toSeconds()));
    }

    /** @throws SQLException if PostgreSQL cannot answer */
    public HistoryPage page(HistoryQuery q) throws SQLException {
        Objects.requireNonNull(q, "query");
        // a bound PostgreSQL cannot hold is answered here rather than sent (it would fail as an SQLException and
        // look like an outage)
        Instant lower = q.lowerBound();
        if ((lower != null && lower.isAfter(SampleRows.MAX_TIME))
                || (q.to() != null && !q.to().isAfter(SampleRows.MIN_TIME))) {
            return new HistoryPage(List.of(), false, HistorySource.HISTORIAN);
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(SampleTable.COLUMNS).append(" FROM ").append(schema)
                .append(".samples WHERE asset_id = ? AND data_item_id = ?");
        boolean from = q.from() != null && q.from().isAfter(SampleRows.MIN_TIME);
        boolean to = q.to() != null && !q.to().isAfter(SampleRows.MAX_TIME);
        boolean after = q.after() != null && !q.after().observedAt().isBefore(SampleRows.MIN_TIME);
        if (from) {
            sql.append(" AND (observed_at, observed_at_ns) >= (?, ?)");
        }
        if (to) {
            sql.append(" AND (observed_at, observed_at_ns) < (?, ?)");
        }
        if (after) {
            sql.append(" AND (").append(SampleTable.ORDER).append(") > (?, ?, ?, ?)");
        }
        sql.append(" ORDER BY ").append(SampleTable.ORDER).append(" LIMIT ?");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            int i = 1;
            ps.setString(i++, q.assetId());
            ps.setString(i++, q.dataItemId());
            if (from) {
                SampleTable.setTime(ps, i++, q.from());
                ps.setShort(i++, (short) SampleTable.subMicroNanos(q.from()));
            }
            if (to) {
                SampleTable.setTime(ps, i++, q.to());
                ps.setShort(i++, (short) SampleTable.subMicroNanos(q.to()));
            }
            if (after) {
                SampleTable.setTime(ps, i++, q.after().observedAt());
                ps.setShort(i++, (short) SampleTable.subMicroNanos(q.after().observedAt()));
                ps.setInt(i++, q.after().partition());
                ps.setLong(i++, q.after().offset());
            }
            ps.setInt(i, q.first() + 1);
            List<HistoryRow> rows = new ArrayList<>(Math.min(q.first() + 1, 1024));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(SampleTable.read(rs));
                }
            }
            boolean more = rows.size() > q.first();
            return new HistoryPage(more ? rows.subList(0, q.first()) : rows, more, HistorySource.HISTORIAN);
        }
    }
}
