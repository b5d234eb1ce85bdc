package org.openfactory.registry.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
import org.openfactory.model.kafka.Topics;
import org.openfactory.model.value.Value;

@Timeout(value = 40, unit = TimeUnit.SECONDS)
class TimeTravelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String STAMPED = "test.samples.stamped";
    private static final String BENCH = "test.samples.bench";

    @TempDir
    static Path dataDir;
    static KafkaBroker kafka;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        kafka = SampleLog.startBroker(dataDir);
        SampleLog.createTopic(kafka, Topics.SAMPLES, 3);
        SampleLog.createTopic(kafka, "test.samples.p3", 3);
        SampleLog.createTopic(kafka, "test.samples.p7", 7);
        SampleLog.createTopic(kafka, STAMPED, 1);
        SampleLog.createTopic(kafka, BENCH, 1);
        producer = SampleLog.producer(kafka);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void partitionOfIsWhereTheProducerPutsTheKey() throws Exception {
        List<String> keys = new ArrayList<>(List.of("a1", "tc-1", "press-07", "Förderband/Ü-3", "機械-1", "x"));
        IntStream.range(0, 60).forEach(i -> keys.add("asset-" + i));
        for (int partitions : new int[] {3, 7}) {
            String topic = "test.samples.p" + partitions;
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String key : keys) {
                sent.add(producer.send(EventRecords.record(topic, key, key.getBytes(StandardCharsets.UTF_8))));
            }
            List<RecordMetadata> placed = SampleLog.all(sent);
            Set<Integer> used = new TreeSet<>();
            for (int i = 0; i < keys.size(); i++) {
                assertEquals(placed.get(i).partition(), TimeTravel.partitionOf(keys.get(i), partitions),
                        () -> "partition of " + topic + " key");
                used.add(placed.get(i).partition());
            }
            assertEquals(partitions, used.size(), "the keys spread over every partition of " + topic);
        }
    }

    @Test
    void theStateOfAnAssetAtAnInstantIsItsLatestObservationByDeviceTime() throws Exception {
        String topic = Topics.SAMPLES;
        int partition = TimeTravel.partitionOf("a1", 3);
        List<String> sameP = otherKeys(3, p -> p == partition, 2);
        List<String> otherP = otherKeys(3, p -> p != partition, 2);
        Instant t0 = Instant.now().minusSeconds(30); // device time close to ingest time, as in production
        Map<Integer, Integer> perPartition = new HashMap<>();
        Envelope<SampleObserved> twenty = SampleLog.envelope("a1", "temperature", new Value.Number(20), t0.plusSeconds(10),
                Instant.now());
        List<ProducerRecord<String, byte[]>> timeline = new ArrayList<>(List.of(
                a1("temperature", new Value.Number(10), t0),
                other(sameP.get(0), t0.plusSeconds(1)),
                a1("heater", new Value.Bool(true), t0.plusSeconds(3)),
                a1("mode", new Value.Text("AUTO"), t0.plusSeconds(5)),
                other(otherP.get(0), t0.plusSeconds(6)),
                a1("parts", new Value.Integer(1), t0.plusSeconds(7)),
                a1("parts", new Value.Integer(2), t0.plusSeconds(7)), // same device time: later in the log wins
                SampleLog.record(topic, twenty),
                // another asset's temperature in a1's partition: must not leak into a1
                SampleLog.record(topic, SampleLog.envelope(sameP.get(1), "temperature", new Value.Number(999),
                        t0.plusSeconds(11), Instant.now())),
                EventRecords.record(topic, "a1", "this is not a CloudEvent".getBytes(StandardCharsets.UTF_8)),
                EventRecords.record(topic, sameP.get(0), "neither is this".getBytes(StandardCharsets.UTF_8)),
                // a1's key over another asset's event: breaks the layout, skipped
                EventRecords.record(topic, "a1", SampleLog.record(topic, SampleLog.envelope(sameP.get(0), "mode",
                        new Value.Text("MANUAL"), t0.plusSeconds(11), Instant.now())).value()),
                // the 20 re-sent by a restarted connector: same id, later ingest time
                SampleLog.record(topic, SampleLog.envelope("a1", "temperature", new Value.Number(20),
                        t0.plusSeconds(10), Instant.now().plusSeconds(1))),
                a1("temperature", new Value.Number(30), t0.plusSeconds(20)),
                other(otherP.get(1), t0.plusSeconds(21)),
                a1("temperature", new Value.Number(15), t0.plusSeconds(15)))); // late: after the 30
        int a1Records = 0;
        for (ProducerRecord<String, byte[]> record : timeline) {
            RecordMetadata placed = SampleLog.sendNow(producer, record);
            perPartition.merge(placed.partition(), 1, Integer::sum);
            a1Records += record.key().equals("a1") ? 1 : 0;
        }
        TimeTravel travel = new TimeTravel(kafka.bootstrapServers(), topic);

        AssetStateAt at12 = travel.query("a1", t0.plusSeconds(12), TIMEOUT);
        assertEquals(Map.of("temperature", new Value.Number(20), "heater", new Value.Bool(true),
                "mode", new Value.Text("AUTO"), "parts", new Value.Integer(2)), values(at12.items()));
        DataItemState temperature = at12.items().get("temperature");
        assertEquals(twenty.id(), temperature.eventId());
        assertEquals(twenty.ingestedAt(), temperature.ingestedAt(), "a re-sent event keeps its first copy");
        assertEquals(t0.plusSeconds(10), temperature.observedAt());
        assertEquals("CELSIUS", temperature.units());
        assertEquals(perPartition.get(partition), (int) at12.scan().records(), "reads a1's whole partition");
        assertEquals(partition, at12.scan().partition());
        assertEquals(a1Records, at12.scan().decoded(), "decodes only a1's records");
        assertEquals(2, at12.scan().skipped(), "the corrupt record and the foreign event under a1's key");
        assertFalse(at12.scan().stoppedEarly());

        assertEquals(new Value.Number(15), travel.stateAt("a1", t0.plusSeconds(16), TIMEOUT).get("temperature").value(),
                "the late event has the greatest device time <= at");
        assertEquals(new Value.Number(30), travel.stateAt("a1", t0.plusSeconds(20), TIMEOUT).get("temperature").value(),
                "at is inclusive");
        assertEquals(new Value.Number(30), travel.stateAt("a1", Instant.now().plus(1, ChronoUnit.DAYS), TIMEOUT)
                .get("temperature").value(), "device time wins over log order");
        assertEquals(Map.of("temperature", new Value.Number(10)), values(travel.stateAt("a1", t0, TIMEOUT)));
        assertEquals(Map.of(), travel.stateAt("a1", t0.minusSeconds(1), TIMEOUT));
        assertEquals(Map.of(), travel.stateAt("a1", t0.minusNanos(1), TIMEOUT));
        assertEquals(Map.of(), travel.stateAt("unknown", t0.plusSeconds(60), TIMEOUT));
        assertEquals(Map.of(), new TimeTravel(kafka.bootstrapServers(), "test.no.such.topic")
                .stateAt("a1", t0, TIMEOUT));
    }

    /**
     * Records stamped with their ingest time, one second apart, for a1 and b1 alternately: reading stops at the
     * first record stamped later than at + tolerance, and an event ingested later than the tolerance is missed
     * unless the whole partition is read.
     */
    @Test
    void stopsReadingAtTheLateArrivalTolerance() throws Exception {
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Instant observed = t.plusSeconds(i);
            Instant ingested = observed.plusMillis(200);
            for (String asset : List.of("a1", "b1")) {
                sent.add(producer.send(SampleLog.stamped(SampleLog.record(STAMPED, SampleLog.envelope(asset,
                        "temperature", new Value.Number(i), observed, ingested)), ingested)));
            }
        }
        // store-and-forward: observed at t+100.5s, appended 900 s later
        Instant lateObserved = t.plusMillis(100_500);
        sent.add(producer.send(SampleLog.stamped(SampleLog.record(STAMPED, SampleLog.envelope("a1", "temperature",
                new Value.Number(100.5), lateObserved, t.plusSeconds(1000))), t.plusSeconds(1000))));
        SampleLog.all(sent);
        Instant at = t.plusMillis(100_700);

        AssetStateAt tenSeconds = new TimeTravel(kafka.bootstrapServers(), STAMPED, Duration.ofSeconds(10))
                .query("a1", at, TIMEOUT);
        assertEquals(new Value.Number(100), tenSeconds.items().get("temperature").value(), "the late event is missed");
        assertEquals(222, tenSeconds.scan().toOffset(), "first record stamped after at + 10 s: t+111.2s of a1");
        assertEquals(222, tenSeconds.scan().records());
        assertTrue(tenSeconds.scan().stoppedEarly());

        AssetStateAt byDefault = new TimeTravel(kafka.bootstrapServers(), STAMPED).query("a1", at, TIMEOUT);
        assertEquals(new Value.Number(100), byDefault.items().get("temperature").value());
        assertEquals(802, byDefault.scan().records(), "first record stamped after at + 5 min: t+401.2s of a1");

        AssetStateAt whole = new TimeTravel(kafka.bootstrapServers(), STAMPED, TimeTravel.READ_TO_END)
                .query("a1", at, TIMEOUT);
        assertEquals(new Value.Number(100.5), whole.items().get("temperature").value());
        assertEquals(2001, whole.scan().records());
        assertFalse(whole.scan().stoppedEarly());

        AssetStateAt late = new TimeTravel(kafka.bootstrapServers(), STAMPED, Duration.ofSeconds(10))
                .query("a1", t.plusSeconds(1000), TIMEOUT);
        assertEquals(new Value.Number(999), late.items().get("temperature").value());
        assertEquals(2001, late.scan().records());
    }

    @Test
    void theFirstLaterTimestampSaturates() {
        Instant at = Instant.parse("2026-01-01T00:00:00.000999Z");
        assertEquals(OptionalLong.of(at.toEpochMilli() + 1), TimeTravel.firstTimestampAfter(at, Duration.ZERO));
        assertEquals(OptionalLong.empty(), TimeTravel.firstTimestampAfter(at, TimeTravel.READ_TO_END));
        assertEquals(OptionalLong.empty(), TimeTravel.firstTimestampAfter(Instant.MAX, Duration.ZERO));
        assertEquals(OptionalLong.of(0), TimeTravel.firstTimestampAfter(Instant.EPOCH.minusSeconds(60),
                Duration.ZERO));
    }

    /** 200,000 records of 50 assets in one partition; the query reads all of it and decodes one asset's 4,000. */
    @Test
    void scanSpeed() throws Exception {
        int count = 200_000;
        int assets = 50;
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        long produceStart = System.nanoTime();
        List<Future<RecordMetadata>> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Value value = switch (i / assets % 4) {
                case 0 -> new Value.Number(20 + i % 1000 / 10.0);
                case 1 -> new Value.Integer(i);
                case 2 -> new Value.Text(i % 3 == 0 ? "AUTO" : "MANUAL");
                default -> new Value.Bool(i % 2 == 0);
            };
            sent.add(producer.send(SampleLog.record(BENCH, SampleLog.envelope("m-" + i % assets, "item-" + i / assets % 4,
                    value, t.plusMillis(i * 10L), Instant.now()))));
        }
        SampleLog.all(sent);
        System.out.printf("time travel bench: produced %d records in %d ms%n", count,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - produceStart));

        TimeTravel travel = new TimeTravel(kafka.bootstrapServers(), BENCH);
        for (int run = 1; run <= 3; run++) {
            AssetStateAt state = travel.query("m-7", Instant.now(), Duration.ofSeconds(20));
            AssetStateAt.Scan scan = state.scan();
            System.out.printf("time travel bench run %d: %d records read, %d decoded, in %d ms = %.0f records/s%n",
                    run, scan.records(), scan.decoded(), scan.elapsed().toMillis(), scan.recordsPerSecond());
            assertEquals(count, scan.records());
            assertEquals(count / assets, scan.decoded());
            assertEquals(Set.of("item-0", "item-1", "item-2", "item-3"), state.items().keySet());
        }
    }

    private static ProducerRecord<String, byte[]> a1(String item, Value value, Instant observedAt) {
        return SampleLog.record(Topics.SAMPLES, SampleLog.envelope("a1", item, value, observedAt, Instant.now()));
    }

    private static ProducerRecord<String, byte[]> other(String asset, Instant observedAt) {
        return SampleLog.record(Topics.SAMPLES, SampleLog.envelope(asset, "temperature", new Value.Number(-1),
                observedAt, Instant.now()));
    }

    private static List<String> otherKeys(int partitions, java.util.function.IntPredicate wanted, int howMany) {
        return IntStream.range(0, 1000).mapToObj(i -> "b" + i)
                .filter(k -> wanted.test(TimeTravel.partitionOf(k, partitions))).limit(howMany).toList();
    }

    private static Map<String, Value> values(Map<String, DataItemState> items) {
        Map<String, Value> values = new HashMap<>();
        items.forEach((id, state) -> values.put(id, state.value()));
        return values;
    }
}
