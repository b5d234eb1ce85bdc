package org.openfactory.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Value;

/**
 * History pages over three days of device time: order, cursors, bounds, and the same answer from PostgreSQL and
 * from the log.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HistoryPagesTest {

    private static final String TOPIC = "samples-history";
    private static final String ASSET = "press-1";
    /** On press-1's partition (1 of 3), with the same data items: only the key tells them apart. */
    private static final String NEIGHBOUR = "conveyor-1";
    private static final String OTHER = "press-2";

    @TempDir
    static Path kafkaDir;
    static KafkaBroker kafka;
    static TestDatabase db;
    static TestLog.Written written;
    static History historian;
    static History fallback;
    static LogHistoryReader log;

    @BeforeAll
    static void writeThreeDaysOfSamples() throws Exception {
        kafka = TestLog.startBroker(kafkaDir);
        TestLog.createTopic(kafka, TOPIC, 3);
        db = TestDatabase.create();
        written = new TestLog.Written();
        Random random = new Random(3);
        Instant t0 = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).plusNanos(123_456_789);
        List<Envelope<SampleObserved>> events = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = TestLog.producer(kafka)) {
            Envelope<SampleObserved> previous = null;
            for (int i = 0; i < 3000; i++) {
                // about every 80 s, up to 50 s early or late: neighbours arrive out of device-time order
                Instant observed = t0.plusSeconds(80L * i + random.nextInt(100) - 50).plusNanos(i);
                List<Envelope<SampleObserved>> now = new ArrayList<>();
                now.add(TestLog.sample(ASSET, "temperature", new Value.Number(20 + i / 100.0), observed, observed));
                if (i % 40 == 0) { // a tie: another value at the same device time, ordered by offset
                    now.add(TestLog.sample(ASSET, "temperature", new Value.Number(-i), observed, observed));
                }
                if (i % 101 == 100) { // a re-sent event: same id, the first copy counts
                    now.add(previous);
                }
                if (i % 3 == 0) {
                    now.add(TestLog.sample(ASSET, "parts", new Value.Integer(i), observed, observed));
                    now.add(TestLog.sample(NEIGHBOUR, "temperature", new Value.Number(i), observed, observed));
                    now.add(TestLog.sample(OTHER, "temperature", new Value.Number(i), observed, observed));
                }
                previous = now.get(0);
                for (Envelope<SampleObserved> e : now) {
                    // appended up to 3 s after the device saw it, as a live connector does
                    Instant appended = e.payload().observedAt().plusMillis(random.nextInt(3000));
                    events.add(e);
                    acks.add(producer.send(TestLog.stamped(TestLog.record(TOPIC, e), appended)));
                }
            }
            for (int i = 0; i < events.size(); i++) {
                written.add(events.get(i), acks.get(i).get(30, TimeUnit.SECONDS));
            }
        }
        try (HistorianSink sink = new HistorianSink(db.dataSource, HistorianSinkSettings
                .defaults(kafka.bootstrapServers()).withTopic(TOPIC).withSchema(db.schema))) {
            HistorianSinkTest.start(sink);
            assertTrue(sink.awaitCaughtUp(Duration.ofSeconds(60)));
        }
        log = new LogHistoryReader(kafka.bootstrapServers(), TOPIC, LogHistoryReader.DEFAULT_LATE_ARRIVAL_TOLERANCE,
                Duration.ofSeconds(30));
        historian = new History(new HistorianReader(db.dataSource, db.schema, Duration.ofSeconds(10)), log);
        // PostgreSQL cannot answer: nothing listens on the port
        fallback = new History(new HistorianReader(TestDatabase.dataSource(TestDatabase.closedPort()), db.schema,
                Duration.ofSeconds(10)), log);
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        if (db != null) {
            db.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The rows of a data item, in page order, as the table must hold them. */
    static List<HistoryRow> expected(String asset, String item) {
        return written.expectedRows().stream()
                .filter(r -> r.assetId().equals(asset) && r.dataItemId().equals(item))
                .sorted(HistoryRow.ORDER).toList();
    }

    @Test
    void aLongRangeWalkedPageByPageIsTheDataItemsHistoryInDeviceTimeOrder() {
        List<HistoryRow> all = expected(ASSET, "temperature");
        assertTrue(all.size() > 3000, "ties included: " + all.size());
        List<HistoryPage> pages = walk(historian, ASSET, "temperature", null, null, 137, HistorySource.HISTORIAN);
        assertEquals(all, rowsOf(pages));
        assertEquals((all.size() + 136) / 137, pages.size());
        for (int i = 0; i < pages.size() - 1; i++) {
            assertTrue(pages.get(i).hasNextPage());
            assertEquals(137, pages.get(i).rows().size());
        }
        assertFalse(pages.get(pages.size() - 1).hasNextPage());
        assertTrue(isOutOfLogOrder(all), "device-time order differs from log order in this data");

        List<HistoryRow> parts = expected(ASSET, "parts");
        assertEquals(parts, rowsOf(walk(historian, ASSET, "parts", null, null, 250, HistorySource.HISTORIAN)));
    }

    @Test
    void fromIsInclusiveToIsExclusive() {
        List<HistoryRow> all = expected(ASSET, "temperature");
        Instant from = all.get(400).observedAt();
        Instant to = all.get(1700).observedAt();
        List<HistoryRow> inRange = all.stream()
                .filter(r -> !r.observedAt().isBefore(from) && r.observedAt().isBefore(to)).toList();
        assertEquals(all.get(400), inRange.get(0));
        assertEquals(all.get(1699), inRange.get(inRange.size() - 1));
        assertEquals(inRange, rowsOf(walk(historian, ASSET, "temperature", from, to, 100, HistorySource.HISTORIAN)));
        // a bound one nanosecond off moves the edge rows in or out
        assertEquals(inRange.subList(1, inRange.size()), rowsOf(walk(historian, ASSET, "temperature",
                from.plusNanos(1), to, 100, HistorySource.HISTORIAN)));
        assertEquals(all.subList(400, 1701), rowsOf(walk(historian, ASSET, "temperature", from, to.plusNanos(1),
                100, HistorySource.HISTORIAN)));
        assertEquals(List.of(), historian.page(ASSET, "temperature", from, from, 10, null).rows());
    }

    @Test
    void firstAndAfterContinueExactlyAfterTheCursor() {
        List<HistoryRow> all = expected(ASSET, "temperature");
        HistoryPage one = historian.page(ASSET, "temperature", null, null, 1, null);
        assertEquals(List.of(all.get(0)), one.rows());
        assertTrue(one.hasNextPage());
        assertEquals(one.startCursor(), one.endCursor());
        HistoryPage next = historian.page(ASSET, "temperature", null, null, 1, one.endCursor());
        assertEquals(List.of(all.get(1)), next.rows());
        for (int k : new int[] {39, 40, 41, 777, all.size() - 6}) { // around a tie, and at the end
            HistoryPage five = historian.page(ASSET, "temperature", null, null, 5, all.get(k).cursor().encode());
            assertEquals(all.subList(k + 1, k + 6), five.rows(), "after row " + k);
            assertEquals(k + 6 < all.size(), five.hasNextPage());
        }
        HistoryPage last = historian.page(ASSET, "temperature", null, null, 5,
                all.get(all.size() - 1).cursor().encode());
        assertEquals(List.of(), last.rows());
        assertFalse(last.hasNextPage());
        assertNull(last.endCursor());
    }

    @Test
    void theLogAnswersTheSameWhenPostgresCannot() {
        List<HistoryRow> all = expected(ASSET, "temperature");
        Instant from = all.get(1000).observedAt();
        Instant to = all.get(1400).observedAt();
        long started = System.nanoTime();
        List<HistoryPage> fromLog = walk(fallback, ASSET, "temperature", from, to, 120, HistorySource.LOG);
        long logMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        List<HistoryPage> fromTable = walk(historian, ASSET, "temperature", from, to, 120, HistorySource.HISTORIAN);
        assertSamePages(fromTable, fromLog);
        assertEquals(all.subList(1000, 1400), rowsOf(fromLog));

        // the whole history, in pages, from both
        assertSamePages(walk(historian, ASSET, "temperature", null, null, 1000, HistorySource.HISTORIAN),
                walk(fallback, ASSET, "temperature", null, null, 1000, HistorySource.LOG));
        assertSamePages(walk(historian, ASSET, "parts", null, null, 300, HistorySource.HISTORIAN),
                walk(fallback, ASSET, "parts", null, null, 300, HistorySource.LOG));
        assertSamePages(walk(historian, NEIGHBOUR, "temperature", from, null, 77, HistorySource.HISTORIAN),
                walk(fallback, NEIGHBOUR, "temperature", from, null, 77, HistorySource.LOG));

        // around ties and at the cursor's own device time, where a re-sent copy must not reappear
        for (int k : new int[] {0, 39, 40, 41, 500, 1010, all.size() - 3}) {
            String after = all.get(k).cursor().encode();
            assertSamePage(historian.page(ASSET, "temperature", null, null, 7, after),
                    fallback.page(ASSET, "temperature", null, null, 7, after));
            assertSamePage(historian.page(ASSET, "temperature", from, to, 3, after),
                    fallback.page(ASSET, "temperature", from, to, 3, after));
        }
        // nothing there
        assertSamePage(historian.page(ASSET, "pressure", null, null, 10, null),
                fallback.page(ASSET, "pressure", null, null, 10, null));
        assertSamePage(historian.page("nobody", "temperature", null, null, 10, null),
                fallback.page("nobody", "temperature", null, null, 10, null));
        Instant before = all.get(0).observedAt().minus(10, ChronoUnit.DAYS);
        assertSamePage(historian.page(ASSET, "temperature", before, before.plusSeconds(3600), 10, null),
                fallback.page(ASSET, "temperature", before, before.plusSeconds(3600), 10, null));
        System.out.printf("log fallback: %d rows in %d pages in %d ms%n", rowsOf(fromLog).size(), fromLog.size(),
                logMillis);
    }

    @Test
    void theLogScanOfANarrowRangeIsBoundedByTheLateArrivalTolerance() {
        List<HistoryRow> all = expected(ASSET, "temperature");
        Instant from = all.get(1500).observedAt();
        HistoryQuery q = HistoryQuery.of(ASSET, "temperature", from, from.plus(1, ChronoUnit.HOURS), 100, null);
        LogHistoryReader.Answer answer = log.query(q);
        assertEquals(historian.page(q).rows(), answer.page().rows());
        assertFalse(answer.page().rows().isEmpty());
        LogHistoryReader.Scan scan = answer.scan();
        assertTrue(scan.from() > 0 && scan.to() < scan.end(), "both ends bounded: " + scan);
        assertTrue(scan.records() < scan.end() / 10, "a small part of three days is read: " + scan);
    }

    @Test
    void aBadCursorOrPageSizeIsRefusedByName() {
        for (String bad : new String[] {"not-a-cursor!", "AAAA", "eyJvZmZzZXQiOjF9"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> historian.page(ASSET, "temperature", null, null, 10, bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> fallback.page(ASSET, "temperature", null, null, 10, bad));
        }
        assertThrows(IllegalArgumentException.class, () -> historian.page(ASSET, "temperature", null, null, 0, null));
        assertThrows(IllegalArgumentException.class,
                () -> historian.page(ASSET, "temperature", null, null, HistoryQuery.MAX_FIRST + 1, null));
        Instant t = Instant.now();
        assertThrows(IllegalArgumentException.class,
                () -> historian.page(ASSET, "temperature", t, t.minusSeconds(1), 10, null));
        assertThrows(IllegalArgumentException.class, () -> historian.page(" ", "temperature", null, null, 10, null));
    }

    @Test
    void boundsBeyondWhatPostgresHoldsAreAnsweredNotFailed() {
        List<HistoryRow> all = expected(ASSET, "temperature");
        HistoryPage page = historian.page(ASSET, "temperature", Instant.MIN, Instant.MAX, 3, null);
        assertEquals(HistorySource.HISTORIAN, page.source());
        assertEquals(all.subList(0, 3), page.rows());
        assertEquals(HistorySource.HISTORIAN,
                historian.page(ASSET, "temperature", Instant.MAX, null, 3, null).source());
        assertEquals(List.of(), historian.page(ASSET, "temperature", null, Instant.MIN, 3, null).rows());
    }

    static List<HistoryPage> walk(History history, String asset, String item, Instant from, Instant to, int first,
                                  HistorySource source) {
        List<HistoryPage> pages = new ArrayList<>();
        String after = null;
        do {
            HistoryPage page = history.page(asset, item, from, to, first, after);
            assertEquals(source, page.source());
            pages.add(page);
            after = page.endCursor();
            if (!page.hasNextPage()) {
                break;
            }
        } while (pages.size() < 1000);
        return pages;
    }

    static List<HistoryRow> rowsOf(List<HistoryPage> pages) {
        List<HistoryRow> rows = new ArrayList<>();
        pages.forEach(p -> rows.addAll(p.rows()));
        return rows;
    }

    static void assertSamePages(List<HistoryPage> historian, List<HistoryPage> log) {
        assertEquals(historian.size(), log.size(), "page count");
        for (int i = 0; i < historian.size(); i++) {
            assertSamePage(historian.get(i), log.get(i));
        }
    }

    static void assertSamePage(HistoryPage historian, HistoryPage log) {
        assertEquals(HistorySource.HISTORIAN, historian.source());
        assertEquals(HistorySource.LOG, log.source());
        assertEquals(historian.rows(), log.rows());
        assertEquals(historian.hasNextPage(), log.hasNextPage());
        assertEquals(historian.endCursor(), log.endCursor());
    }

    private static boolean isOutOfLogOrder(List<HistoryRow> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).offset() < rows.get(i - 1).offset()) {
                return true;
            }
        }
        return false;
    }
}
