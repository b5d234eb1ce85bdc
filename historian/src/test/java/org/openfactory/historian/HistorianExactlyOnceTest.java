package org.openfactory.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.embedded.kafka.KafkaBroker;

/**
 * A sink stopped at any point, or cut off from PostgreSQL, and started again stores every record exactly once.
 *
 * <p>A JVM crash cannot be caused inside the test's own JVM. The nearest stand-ins used here: a sink closed at
 * random moments while records stream in, a sink whose connection is aborted (socket closed without a goodbye, as
 * the kernel does for a dead process) between its inserts and its commit and whose thread then dies with an
 * {@link Error}, and a TCP proxy in front of PostgreSQL that cuts every connection at random moments.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HistorianExactlyOnceTest {

    @TempDir
    static Path kafkaDir;
    static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() {
        kafka = TestLog.startBroker(kafkaDir);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Stands for the process dying: nothing of the sink runs after it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash between the inserts and the commit");
        }
    }

    @Test
    void aSinkDyingBetweenInsertAndCommitLeavesNothingHalfDone() throws Exception {
        String topic = "samples-crash";
        TestLog.createTopic(kafka, topic, 3);
        try (TestDatabase db = TestDatabase.create();
             BackgroundProducer producer = new BackgroundProducer(kafka, topic, 6000, 3)) {
            HistorianSinkSettings settings = settings(db, topic);
            AtomicInteger commits = new AtomicInteger();
            HistorianSink crashing = new HistorianSink(db.dataSource, settings, (connection, rows) -> {
                if (commits.get() >= 3 && rows > 0) {
                    connection.abort(Runnable::run); // the socket closes; PostgreSQL rolls the transaction back
                    throw new SimulatedCrash();
                }
                commits.incrementAndGet();
            });
            AtomicReference<Throwable> died = new AtomicReference<>();
            Thread thread = new Thread(crashing, "crashing-sink");
            thread.setUncaughtExceptionHandler((t, e) -> died.set(e));
            thread.start();
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), "the sink's thread died");
            assertInstanceOf(SimulatedCrash.class, died.get());
            assertEquals(commits.get(), crashing.batchCount(), "the batches before the crash were committed");
            long storedBeforeRestart = assertRowsAreExactlyTheStoredOffsets(db, topic);
            assertTrue(storedBeforeRestart > 0);

            try (HistorianSink restarted = new HistorianSink(db.dataSource, settings)) {
                HistorianSinkTest.start(restarted);
                TestLog.Written written = producer.awaitDone();
                assertTrue(restarted.awaitCaughtUp(Duration.ofSeconds(60)));
                assertEquals(written.expectedRows(), db.rows(), "every event exactly once");
                assertEquals(0, restarted.duplicateCount(), "nothing stored before the crash was written again");
                assertEquals(written.size() - storedBeforeRestart, restarted.rowsWritten());
                assertEquals(written.size(), assertRowsAreExactlyTheStoredOffsets(db, topic));
            }
        }
    }

    @Test
    void sinksClosedAtRandomMomentsWhileProducingStoreEveryEventOnce() throws Exception {
        String topic = "samples-restarts";
        TestLog.createTopic(kafka, topic, 3);
        Random random = new Random(11);
        try (TestDatabase db = TestDatabase.create();
             BackgroundProducer producer = new BackgroundProducer(kafka, topic, 10_000, 3)) {
            HistorianSinkSettings settings = settings(db, topic);
            long rows = 0;
            int lives = 0;
            while (!producer.isDone() || lives < 4) {
                HistorianSink sink = new HistorianSink(db.dataSource, settings);
                HistorianSinkTest.start(sink);
                Thread.sleep(100 + random.nextInt(400));
                sink.close();
                lives++;
                rows += sink.rowsWritten();
                assertEquals(0, sink.duplicateCount(), "a sink never writes what an earlier one stored");
                assertEquals(rows, assertRowsAreExactlyTheStoredOffsets(db, topic), "after stop " + lives);
            }
            TestLog.Written written = producer.awaitDone();
            try (HistorianSink last = new HistorianSink(db.dataSource, settings)) {
                HistorianSinkTest.start(last);
                assertTrue(last.awaitCaughtUp(Duration.ofSeconds(60)));
                rows += last.rowsWritten();
                assertEquals(0, last.duplicateCount());
            }
            assertEquals(written.expectedRows(), db.rows(), "every event exactly once");
            assertEquals(written.size(), rows, "the sinks' row counts add up to the log");
            assertEquals(written.size(), assertRowsAreExactlyTheStoredOffsets(db, topic));
            System.out.printf("%d records stored by %d sinks in turn%n", written.size(), lives + 1);
        }
    }

    @Test
    void postgresUnreachableForAWhileLosesAndDoublesNothing() throws Exception {
        String topic = "samples-outage";
        TestLog.createTopic(kafka, topic, 3);
        Random random = new Random(5);
        try (TestDatabase db = TestDatabase.create();
             TcpProxy proxy = new TcpProxy(TestDatabase.PORT)) {
            proxy.up();
            DataSource viaProxy = TestDatabase.dataSource(proxy.port());
            // a short pause before each commit widens the window in which a cut hits an open transaction
            HistorianSink sink = new HistorianSink(viaProxy, settings(db, topic), (c, rows) -> sleep(15));
            try (BackgroundProducer producer = new BackgroundProducer(kafka, topic, 10_000, 3)) {
                HistorianSinkTest.start(sink);
                int outages = 0;
                while (!producer.isDone() || outages < 4) {
                    Thread.sleep(150 + random.nextInt(400));
                    proxy.down();
                    outages++;
                    Thread.sleep(100 + random.nextInt(700));
                    proxy.up();
                }
                TestLog.Written written = producer.awaitDone();
                assertTrue(sink.awaitCaughtUp(Duration.ofSeconds(60)), "the sink catches up once it can write");
                assertEquals(written.expectedRows(), db.rows(), "every event exactly once");
                assertEquals(written.size(), assertRowsAreExactlyTheStoredOffsets(db, topic));
                assertEquals(written.size(), sink.rowsWritten());
                assertEquals(0, sink.duplicateCount());
                assertTrue(sink.failureCount() > 0, "the outages were felt");
                System.out.printf("%d records stored through %d outages, %d failed attempts%n", written.size(),
                        outages, sink.failureCount());
            } finally {
                sink.close();
            }
        }
    }

    @Test
    void twoSinksOnOneSchemaStillStoreEachRecordOnce() throws Exception {
        String topic = "samples-two-sinks";
        TestLog.createTopic(kafka, topic, 3);
        try (TestDatabase db = TestDatabase.create();
             BackgroundProducer producer = new BackgroundProducer(kafka, topic, 6000, 3);
             HistorianSink a = new HistorianSink(db.dataSource, settings(db, topic));
             HistorianSink b = new HistorianSink(db.dataSource, settings(db, topic))) {
            HistorianSinkTest.start(a);
            HistorianSinkTest.start(b);
            TestLog.Written written = producer.awaitDone();
            assertTrue(a.awaitCaughtUp(Duration.ofSeconds(60)));
            assertTrue(b.awaitCaughtUp(Duration.ofSeconds(60)));
            assertEquals(written.expectedRows(), db.rows(), "every event exactly once");
            assertEquals(written.size(), a.rowsWritten() + b.rowsWritten());
            assertEquals(written.size(), assertRowsAreExactlyTheStoredOffsets(db, topic));
        }
    }

    private static HistorianSinkSettings settings(TestDatabase db, String topic) {
        return HistorianSinkSettings.defaults(kafka.bootstrapServers()).withTopic(topic).withSchema(db.schema)
                .withBatch(300, Duration.ofMillis(20)).withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    /**
     * The invariant of the sink: in each partition the table holds exactly the offsets below the stored next
     * offset, each once.
     *
     * @return the number of rows
     */
    static long assertRowsAreExactlyTheStoredOffsets(TestDatabase db, String topic) throws Exception {
        Map<Integer, Long> stored = db.storedOffsets(topic);
        long total = 0;
        try (Connection c = db.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(DISTINCT kafka_offset), coalesce(min(kafka_offset), 0),"
                        + " coalesce(max(kafka_offset), -1) FROM " + db.schema + ".samples WHERE kafka_partition = ?")) {
            for (Map.Entry<Integer, Long> e : stored.entrySet()) {
                ps.setInt(1, e.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    List<Long> actual = List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                    List<Long> expected = List.of(e.getValue(), e.getValue(), 0L, e.getValue() - 1);
                    assertEquals(expected, actual, "partition " + e.getKey() + ": rows, distinct offsets, min, max");
                    total += e.getValue();
                }
            }
        }
        assertEquals(total, db.count("samples"), "no rows outside the stored partitions");
        return total;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
