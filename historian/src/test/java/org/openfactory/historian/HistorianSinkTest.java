package org.openfactory.historian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;

/** The table holds exactly the log's samples, every typed value round-trips, bad records are skipped. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistorianSinkTest {

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

    /** Values at the edges of each type, and device times to the nanosecond. */
    static List<Value> edgeValues() {
        return List.of(
                new Value.Number(58.73), new Value.Number(-0.0), new Value.Number(Double.MAX_VALUE),
                new Value.Number(Double.MIN_VALUE), new Value.Number(-1.0e-300), new Value.Number(1.0 / 3),
                new Value.Integer(0), new Value.Integer(Long.MAX_VALUE), new Value.Integer(Long.MIN_VALUE),
                new Value.Text(""), new Value.Text("AUTO"), new Value.Text("Température 58 °C ✓ 𝄞 \"q\" \\ '; --"),
                new Value.Text("line\nbreak\ttab"),
                new Value.Bool(true), new Value.Bool(false),
                new Value.Condition(ConditionLevel.WARNING, "HI-TEMP", "Temperature high"),
                new Value.Condition(ConditionLevel.NORMAL, null, null),
                new Value.Condition(ConditionLevel.FAULT, "", "é"),
                Value.UNAVAILABLE);
    }

    @Test
    void rowsMatchTheLogAndEveryTypedValueRoundTrips() throws Exception {
        String topic = "samples-roundtrip";
        TestLog.createTopic(kafka, topic, 3);
        List<String> assets = List.of("tc-1", "tc-2", "press-1", "press-2", "press-3", "robot-1");
        List<Value> values = edgeValues();
        TestLog.Written written = new TestLog.Written();
        Random random = new Random(7);
        Instant t0 = Instant.parse("2026-11-24T10:15:30.123456789Z");
        try (TestDatabase db = TestDatabase.create();
             KafkaProducer<String, byte[]> producer = TestLog.producer(kafka)) {
            HistorianSinkSettings settings = HistorianSinkSettings.defaults(kafka.bootstrapServers())
                    .withTopic(topic).withSchema(db.schema).withBatch(400, Duration.ofMillis(50));
            List<Envelope<SampleObserved>> sent = new ArrayList<>();
            List<Envelope<SampleObserved>> inFlight = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            HistorianSink sink = new HistorianSink(db.dataSource, settings);
            try {
                for (int i = 0; i < 3000; i++) {
                    if (i == 1000) {
                        start(sink); // part of the log is replayed, the rest is followed live
                    }
                    Envelope<SampleObserved> e;
                    if (i % 97 == 96) {
                        e = sent.get(random.nextInt(sent.size())); // a re-sent event: same id, stored once
                    } else {
                        Value v = values.get(i % values.size());
                        e = TestLog.sample(assets.get(random.nextInt(assets.size())), "item-" + (i % 7), v,
                                t0.plusNanos(random.nextInt(1_000_000_000)).plusSeconds(i),
                                Instant.now().plusNanos(random.nextInt(1000)));
                        sent.add(e);
                    }
                    inFlight.add(e);
                    acks.add(producer.send(TestLog.record(topic, e)));
                }
                for (int i = 0; i < acks.size(); i++) {
                    written.add(inFlight.get(i), acks.get(i).get(30, TimeUnit.SECONDS));
                }
                assertTrue(sink.awaitCaughtUp(Duration.ofSeconds(30)), "the sink catches up");
                List<HistoryRow> expected = written.expectedRows();
                assertEquals(expected, db.rows(), "one row per event, field by field as on the log");
                assertEquals(expected.size(), sink.rowsWritten());
                assertEquals(written.size() - expected.size(), sink.duplicateCount(), "re-sent events stored once");
                assertTrue(written.size() > expected.size());
                assertEquals(0, sink.skippedCount());
                assertEquals(endOffsets(written.expectedRows(), 3), db.storedOffsets(topic));
                assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), sink.lag());
                assertTrue(sink.batchCount() > 1, "written in several batches");
                typedColumnsHoldOnlyTheirType(db);
            } finally {
                sink.close();
            }

            // a sink started again reads from the stored offsets: it finds nothing to write
            try (HistorianSink again = new HistorianSink(db.dataSource, settings)) {
                start(again);
                assertTrue(again.awaitCaughtUp(Duration.ofSeconds(30)));
                assertEquals(0, again.rowsWritten());
                assertEquals(0, again.duplicateCount());
                assertEquals(written.expectedRows(), db.rows());
            }
        }
    }

    private static void typedColumnsHoldOnlyTheirType(TestDatabase db) throws Exception {
        assertEquals(0, db.count("samples WHERE num_nonnulls(value_double, value_long, value_text, value_bool,"
                + " condition_level) <> CASE value_type WHEN 'UNAVAILABLE' THEN 0 ELSE 1 END"));
        assertEquals(0, db.count("samples WHERE (value_type = 'DOUBLE') <> (value_double IS NOT NULL)"
                + " OR (value_type = 'INTEGER') <> (value_long IS NOT NULL)"
                + " OR (value_type = 'STRING') <> (value_text IS NOT NULL)"
                + " OR (value_type = 'BOOLEAN') <> (value_bool IS NOT NULL)"
                + " OR (value_type = 'CONDITION') <> (condition_level IS NOT NULL)"));
        // the device time, queried in plain SQL, is the event's time (to the microsecond)
        try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_char(observed_at AT TIME ZONE 'UTC',"
                     + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), observed_at_ns FROM " + db.schema
                     + ".samples WHERE value_type = 'INTEGER' AND value_long = 9223372036854775807 LIMIT 1")) {
            assertTrue(rs.next());
            assertEquals(26, rs.getString(1).length());
        }
    }

    @Test
    void aMalformedRecordIsSkippedAndLaterOnesAreWritten() throws Exception {
        String topic = "samples-malformed";
        TestLog.createTopic(kafka, topic, 2);
        TestLog.Written written = new TestLog.Written();
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        try (TestDatabase db = TestDatabase.create();
             KafkaProducer<String, byte[]> producer = TestLog.producer(kafka);
             HistorianSink sink = new HistorianSink(db.dataSource, HistorianSinkSettings
                     .defaults(kafka.bootstrapServers()).withTopic(topic).withSchema(db.schema))) {
            start(sink);
            for (int i = 0; i < 20; i++) {
                Envelope<SampleObserved> e = TestLog.sample("tc-" + (i % 2), "temperature",
                        new Value.Number(20 + i), t.plusSeconds(i), Instant.now());
                written.add(e, TestLog.send(producer, TestLog.record(topic, e)));
            }
            Envelope<SampleObserved> good = TestLog.sample("tc-0", "temperature", new Value.Number(99), t,
                    Instant.now());
            String json = new String(TestLog.record(topic, good).value(), StandardCharsets.UTF_8);
            List<ProducerRecord<String, byte[]>> bad = List.of(
                    raw(topic, "tc-0", "not json at all"),
                    raw(topic, "tc-0", json.replace("org.openfactory.sample.v1", "org.openfactory.sample.v9")),
                    raw(topic, "tc-0", json.replace("\"valueType\":\"DOUBLE\"", "\"valueType\":\"BOOLEAN\"")),
                    raw(topic, "tc-1", json), // key of another asset
                    new ProducerRecord<>(topic, "tc-0", null), // a tombstone
                    TestLog.record(topic, TestLog.sample("tc-0", "mode", new Value.Text("nul\0char"), t,
                            Instant.now())),
                    TestLog.record(topic, TestLog.sample("tc-0", "mode", new Value.Text("year 10000"),
                            Instant.parse("+10000-01-01T00:00:00Z"), Instant.now())));
            for (ProducerRecord<String, byte[]> record : bad) {
                TestLog.send(producer, record);
            }
            for (int i = 20; i < 40; i++) {
                Envelope<SampleObserved> e = TestLog.sample("tc-" + (i % 2), "temperature",
                        new Value.Number(20 + i), t.plusSeconds(i), Instant.now());
                written.add(e, TestLog.send(producer, TestLog.record(topic, e)));
            }
            assertTrue(sink.awaitCaughtUp(Duration.ofSeconds(30)));
            assertEquals(written.expectedRows(), db.rows(), "the good records, before and after the bad ones");
            assertEquals(bad.size(), sink.skippedCount());
            long stored = db.storedOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(40 + bad.size(), stored, "the offsets of the skipped records are stored too");
        }
    }

    @Test
    void migrationIsIdempotentAndVersioned() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            HistorianSchema.migrate(db.dataSource, db.schema);
            HistorianSchema.migrate(db.dataSource, db.schema);
            assertEquals(1, db.count("schema_version WHERE version = 1"));
            assertEquals(1, db.count("schema_version"));
            try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = '" + db.schema
                         + "' AND indexname = 'samples_history_idx'")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).contains("(asset_id, data_item_id, observed_at"), rs.getString(1));
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HistorianSchema.migrate(TestDatabase.dataSource(TestDatabase.PORT), "bad; drop"));
        assertTrue(e.getMessage().contains("bad; drop"), e.getMessage());
    }

    static ProducerRecord<String, byte[]> raw(String topic, String key, String value) {
        return EventRecords.record(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    static Thread start(HistorianSink sink) {
        Thread thread = new Thread(sink, "historian-sink");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Partition -> one past the last offset of the rows (the log has no other records in these tests). */
    static Map<Integer, Long> endOffsets(List<HistoryRow> rows, int partitions) {
        Map<Integer, Long> end = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            end.put(p, 0L);
        }
        for (HistoryRow row : rows) {
            end.merge(row.partition(), row.offset() + 1, Math::max);
        }
        return end;
    }
}
