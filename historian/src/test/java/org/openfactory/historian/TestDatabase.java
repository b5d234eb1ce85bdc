package org.openfactory.historian;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * Test support: the machine's PostgreSQL (127.0.0.1:5432, user postgres, database test) and a schema of the test's
 * own, dropped after. If PostgreSQL is down:
 * {@code pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start}.
 */
final class TestDatabase implements AutoCloseable {

    static final int PORT = Integer.getInteger("historian.test.pg.port", 5432);

    final PGSimpleDataSource dataSource;
    final String schema;

    private TestDatabase(PGSimpleDataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** A fresh schema with the historian's tables. */
    static TestDatabase create() throws SQLException {
        PGSimpleDataSource ds = dataSource(PORT);
        String schema = "historian_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        HistorianSchema.migrate(ds, schema);
        return new TestDatabase(ds, schema);
    }

    static PGSimpleDataSource dataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("test");
        ds.setUser("postgres");
        ds.setConnectTimeout(5);
        ds.setSocketTimeout(30);
        ds.setApplicationName("historian-test");
        return ds;
    }

    /** A port nothing listens on: bound, then closed. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Every row of the table, by partition and offset. */
    List<HistoryRow> rows() throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + SampleTable.COLUMNS + " FROM " + schema
                     + ".samples ORDER BY kafka_partition, kafka_offset")) {
            while (rs.next()) {
                rows.add(SampleTable.read(rs));
            }
        }
        return rows;
    }

    /** Partition -> stored next offset. */
    Map<Integer, Long> storedOffsets(String topic) throws SQLException {
        Map<Integer, Long> stored = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT kafka_partition, next_offset FROM " + schema + ".sink_offsets WHERE topic = ?")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return stored;
    }

    long count(String sqlAfterFrom) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + "." + sqlAfterFrom)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
