package org.openfactory.historian;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The historian's tables in one PostgreSQL schema (default {@value #DEFAULT_SCHEMA}). {@link #migrate} creates what
 * is missing and records each step in {@code schema_version}, so later versions add steps without touching the
 * earlier ones. The steps run in one transaction under an advisory lock: two instances starting together do not
 * race.
 *
 * <p>Tables: {@code samples} (one row per sample event, see docs/historian.md) and {@code sink_offsets} (the next
 * Kafka offset of each partition, written in the same transaction as the rows).
 */
public final class HistorianSchema {

    public static final String DEFAULT_SCHEMA = "openfactory";
    /** The version {@link #migrate} brings a schema to. */
    public static final int CURRENT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(HistorianSchema.class);
    /** Names are put into SQL text, so only plain lower-case identifiers are accepted. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Arbitrary but fixed: the key of the advisory lock that serialises migrations. */
    private static final long MIGRATION_LOCK = 0x6f66_6869_7374L;

    private HistorianSchema() {
    }

    /** Migrates the default schema {@value #DEFAULT_SCHEMA}. */
    public static void migrate(DataSource dataSource) throws SQLException {
        migrate(dataSource, DEFAULT_SCHEMA);
    }

    /**
     * Creates the schema, its tables and indexes if missing and brings it to {@link #CURRENT_VERSION}.
     *
     * @throws IllegalArgumentException if {@code schema} is not a plain lower-case SQL identifier
     * @throws IllegalStateException    if the schema was written by a newer version of the historian
     */
    public static void migrate(DataSource dataSource, String schema) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        String s = checkSchemaName(schema);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                st.execute("CREATE SCHEMA IF NOT EXISTS " + s);
                st.execute("CREATE TABLE IF NOT EXISTS " + s + ".schema_version ("
                        + " version integer PRIMARY KEY,"
                        + " applied_at timestamptz NOT NULL DEFAULT now(),"
                        + " description text NOT NULL)");
                int version = currentVersion(st, s);
                if (version > CURRENT_VERSION) {
                    throw new IllegalStateException("schema " + s + " is at version " + version
                            + ", newer than this historian's " + CURRENT_VERSION);
                }
                if (version < 1) {
                    for (String ddl : version1(s)) {
                        st.execute(ddl);
                    }
                    st.execute("INSERT INTO " + s + ".schema_version (version, description) VALUES "
                            + "(1, 'samples and sink_offsets')");
                    LOG.info("Historian schema {} migrated to version 1", s);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** @return the name, checked to be safe to put into SQL text */
    public static String checkSchemaName(String schema) {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name '" + schema
                    + "' must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters)");
        }
        return schema;
    }

    private static int currentVersion(Statement st, String s) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM " + s + ".schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> version1(String s) {
        return List.of(
                // One row per sample event. observed_at holds microseconds (PostgreSQL's resolution);
                // observed_at_ns keeps the nanoseconds past that microsecond (OPC UA gives 100 ns), so the device
                // time round-trips exactly and orders exactly.
                "CREATE TABLE IF NOT EXISTS " + s + ".samples ("
                        + " event_id text NOT NULL,"
                        + " asset_id text NOT NULL,"
                        + " data_item_id text NOT NULL,"
                        + " category text NOT NULL,"
                        + " value_type text NOT NULL,"
                        + " value_double double precision,"
                        + " value_long bigint,"
                        + " value_text text,"
                        + " value_bool boolean,"
                        + " condition_level text,"
                        + " condition_native_code text,"
                        + " condition_message text,"
                        + " units text,"
                        + " observed_at timestamptz NOT NULL,"
                        + " observed_at_ns smallint NOT NULL DEFAULT 0"
                        + "   CHECK (observed_at_ns BETWEEN 0 AND 999),"
                        + " ingested_at timestamptz NOT NULL,"
                        + " source text NOT NULL,"
                        + " kafka_partition integer NOT NULL,"
                        + " kafka_offset bigint NOT NULL,"
                        + " CONSTRAINT samples_event_id_key UNIQUE (event_id),"
                        // one row per log record: a second write of a record fails loudly instead of hiding
                        + " CONSTRAINT samples_record_key UNIQUE (kafka_partition, kafka_offset))",
                // history pages: equality on asset and data item, then the page order (a keyset scan)
                "CREATE INDEX IF NOT EXISTS samples_history_idx ON " + s + ".samples"
                        + " (asset_id, data_item_id, observed_at, observed_at_ns, kafka_partition, kafka_offset)",
                "CREATE TABLE IF NOT EXISTS " + s + ".sink_offsets ("
                        + " topic text NOT NULL,"
                        + " kafka_partition integer NOT NULL,"
                        + " next_offset bigint NOT NULL,"
                        + " updated_at timestamptz NOT NULL DEFAULT now(),"
                        + " PRIMARY KEY (topic, kafka_partition))");
    }
}
