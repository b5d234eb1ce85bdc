package org.openfactory.historian;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/** How a {@link HistoryRow} maps to the columns of the {@code samples} table, both ways. */
final class SampleTable {

    static final String COLUMNS = "event_id, source, asset_id, data_item_id, category, value_type, value_double,"
            + " value_long, value_text, value_bool, condition_level, condition_native_code, condition_message, units,"
            + " observed_at, observed_at_ns, ingested_at, kafka_partition, kafka_offset";
    /** The page order; the history index holds exactly these columns after asset and data item. */
    static final String ORDER = "observed_at, observed_at_ns, kafka_partition, kafka_offset";

    private SampleTable() {
    }

    /** A re-sent event (same id, docs/events.md) keeps its first row; the later copy is counted, not stored. */
    static String insertSql(String schema) {
        return "INSERT INTO " + schema + ".samples (" + COLUMNS + ") VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING";
    }

    static void bind(PreparedStatement ps, HistoryRow row) throws SQLException {
        Value v = row.value();
        ps.setString(1, row.eventId());
        ps.setString(2, row.source());
        ps.setString(3, row.assetId());
        ps.setString(4, row.dataItemId());
        ps.setString(5, row.category().name());
        ps.setString(6, v.type().name());
        if (v instanceof Value.Number n) {
            ps.setDouble(7, n.value());
        } else {
            ps.setNull(7, Types.DOUBLE);
        }
        if (v instanceof Value.Integer i) {
            ps.setLong(8, i.value());
        } else {
            ps.setNull(8, Types.BIGINT);
        }
        ps.setString(9, v instanceof Value.Text t ? t.value() : null);
        if (v instanceof Value.Bool b) {
            ps.setBoolean(10, b.value());
        } else {
            ps.setNull(10, Types.BOOLEAN);
        }
        Value.Condition c = v instanceof Value.Condition cond ? cond : null;
        ps.setString(11, c == null ? null : c.level().name());
        ps.setString(12, c == null ? null : c.nativeCode());
        ps.setString(13, c == null ? null : c.message());
        ps.setString(14, row.units());
        setTime(ps, 15, row.observedAt());
        ps.setShort(16, (short) subMicroNanos(row.observedAt()));
        setTime(ps, 17, row.ingestedAt());
        ps.setInt(18, row.partition());
        ps.setLong(19, row.offset());
    }

    /** Reads the columns of {@link #COLUMNS}, in that order. */
    static HistoryRow read(ResultSet rs) throws SQLException {
        String eventId = rs.getString(1);
        ValueType type = ValueType.valueOf(rs.getString(6));
        Value value = switch (type) {
            case DOUBLE -> new Value.Number(rs.getDouble(7));
            case INTEGER -> new Value.Integer(rs.getLong(8));
            case STRING -> new Value.Text(rs.getString(9));
            case BOOLEAN -> new Value.Bool(rs.getBoolean(10));
            case CONDITION -> new Value.Condition(ConditionLevel.valueOf(rs.getString(11)), rs.getString(12),
                    rs.getString(13));
            case UNAVAILABLE -> Value.UNAVAILABLE;
        };
        Instant observedAt = rs.getObject(15, OffsetDateTime.class).toInstant().plusNanos(rs.getShort(16));
        Instant ingestedAt = rs.getObject(17, OffsetDateTime.class).toInstant();
        return new HistoryRow(eventId, rs.getString(2), rs.getString(3), rs.getString(4),
                Category.valueOf(rs.getString(5)), value, rs.getString(14), observedAt, ingestedAt, rs.getInt(18),
                rs.getLong(19));
    }

    /** Binds the microsecond part of {@code t} (what a timestamptz holds). */
    static void setTime(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    /** The nanoseconds of {@code t} past its microsecond (0-999), kept in {@code observed_at_ns}. */
    static int subMicroNanos(Instant t) {
        return t.getNano() % 1000;
    }
}
