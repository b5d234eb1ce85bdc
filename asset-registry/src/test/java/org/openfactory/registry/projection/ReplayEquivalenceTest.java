package org.openfactory.registry.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.Topics;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;

/** "A fresh instance replaying from offset 0 reaches exactly the same state as a running one." */
class ReplayEquivalenceTest {

    private static final int PARTITIONS = 3;
    private static final int EVENTS = 4000;
    private static final List<String> ASSETS = List.of("tc-1", "tc-2", "press-1", "press-2", "press-3", "robot-1",
            "conveyor-1", "oven-1"); // on partitions 2, 2, 1, 2, 0, 2, 1, 2 of 3
    private static final List<String> ITEMS = List.of("temperature", "parts", "mode", "heater", "alarm");

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aFreshReplayReachesTheStateOfTheRunningInstance(@TempDir Path dataDir) throws Exception {
        try (KafkaBroker kafka = SampleLog.startBroker(dataDir)) {
            SampleLog.createTopic(kafka, Topics.SAMPLES, PARTITIONS);
            LatestState running = new LatestState();
            AtomicLong runningChanges = new AtomicLong();
            try (LogFollower<SampleObserved> live =
                         running.follower(kafka.bootstrapServers(), s -> runningChanges.incrementAndGet())) {
                start(live, "running-instance");
                assertTrue(live.awaitCaughtUp(Duration.ofSeconds(20)), "the running instance starts on an empty log");

                Log log = produce(kafka);
                awaitApplied(live, log.records, Duration.ofSeconds(20));

                LatestState fresh = new LatestState();
                AtomicLong freshChanges = new AtomicLong();
                try (LogFollower<SampleObserved> replay =
                             fresh.follower(kafka.bootstrapServers(), s -> freshChanges.incrementAndGet())) {
                    long t0 = System.nanoTime();
                    start(replay, "fresh-instance");
                    assertTrue(replay.awaitCaughtUp(Duration.ofSeconds(20)), "the fresh instance catches up");
                    System.out.printf("replay of %d records: caught up in %d ms%n", log.records,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));

                    Map<String, Map<String, DataItemState>> expected = log.foldedInMemory.snapshot();
                    assertEquals(Set.copyOf(ASSETS), expected.keySet());
                    assertEquals(expected, running.snapshot(), "the running instance holds the log's state");
                    assertEquals(running.snapshot(), fresh.snapshot(), "the fresh replay holds the same state");
                    for (String asset : ASSETS) {
                        assertEquals(running.of(asset), fresh.of(asset), asset);
                    }
                    assertEquals(log.corrupt, live.skippedCount(), "the running instance skipped the corrupt records");
                    assertEquals(log.corrupt, replay.skippedCount(), "the fresh instance skipped the corrupt records");
                    assertEquals(live.appliedCount(), replay.appliedCount());
                    assertEquals(runningChanges.get(), freshChanges.get(), "re-sent events show as often in both");
                    assertTrue(runningChanges.get() < live.appliedCount(), "some re-sent events changed nothing");
                    assertEquals(Set.of(0, 1, 2), log.partitions, "the assets span every partition");
                }
                timeTravelAgreesWithTheLatestState(kafka, log, running);
            }
        }
    }

    /** At the last device time, time travel and the latest state follow the same rule and must agree exactly. */
    private static void timeTravelAgreesWithTheLatestState(KafkaBroker kafka, Log log, LatestState latest) {
        TimeTravel travel = new TimeTravel(kafka.bootstrapServers(), Topics.SAMPLES);
        long records = 0;
        long nanos = 0;
        for (String asset : ASSETS) {
            AssetStateAt state = travel.query(asset, log.lastObserved, Duration.ofSeconds(10));
            records += state.scan().records();
            nanos += state.scan().elapsed().toNanos();
            assertEquals(latest.of(asset), state.items(), asset);
        }
        String staleItem = log.staleResend.payload().dataItemId();
        DataItemState kept = latest.of(log.staleResend.payload().assetId()).get(staleItem);
        assertTrue(kept.observedAt().isAfter(log.staleResend.payload().observedAt()),
                "an old event re-sent after newer ones does not bring its value back");
        System.out.printf("time travel over %d assets: %d records read in %d ms = %.0f records/s%n", ASSETS.size(),
                records, TimeUnit.NANOSECONDS.toMillis(nanos), records * 1e9 / nanos);
    }

    /** What was written, and the state an in-memory fold of exactly that gives. */
    private record Log(long records, long corrupt, Instant lastObserved, Envelope<SampleObserved> staleResend,
                       LatestState foldedInMemory, Set<Integer> partitions) {
    }

    /**
     * Mixed value types over several assets; about one event in ten is re-sent with the same id and a later ingest
     * time (a connector restart), one old event is re-sent after newer ones, and two records do not decode.
     */
    private static Log produce(KafkaBroker kafka) throws Exception {
        Random random = new Random(42);
        Instant start = Instant.now().minusSeconds(60); // device time close to ingest time
        Map<String, Instant> clock = new HashMap<>();
        Map<String, Envelope<SampleObserved>> previous = new HashMap<>();
        LatestState folded = new LatestState();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        Envelope<SampleObserved> staleResend = null;
        Instant last = start;
        long corrupt = 0;
        try (KafkaProducer<String, byte[]> producer = SampleLog.producer(kafka)) {
            for (int i = 0; i < EVENTS; i++) {
                String asset = ASSETS.get(random.nextInt(ASSETS.size()));
                String item = ITEMS.get(random.nextInt(ITEMS.size()));
                String subject = asset + "/" + item;
                Envelope<SampleObserved> event;
                if (previous.containsKey(subject) && random.nextInt(10) == 0) {
                    Envelope<SampleObserved> p = previous.get(subject);
                    event = SampleLog.envelope(asset, item, p.payload().value(), p.time(), Instant.now());
                    assertEquals(p.id(), event.id(), "a re-sent observation keeps its id");
                } else {
                    Instant observed = clock.merge(asset, start, (t, s) -> t.plusMillis(1 + random.nextInt(200)));
                    event = SampleLog.envelope(asset, item, value(item, random), observed, Instant.now());
                    last = observed.isAfter(last) ? observed : last;
                }
                previous.put(subject, event);
                sent.add(producer.send(SampleLog.record(Topics.SAMPLES, event)));
                folded.apply(event);
                if (i == EVENTS / 2) {
                    sent.add(producer.send(EventRecords.record(Topics.SAMPLES, asset,
                            "{\"this is\": not a CloudEvent".getBytes(StandardCharsets.UTF_8))));
                    String json = new String(EventCodecs.SAMPLE.encode(event), StandardCharsets.UTF_8);
                    String wrongType = json.replace("\"valueType\":\"", "\"valueType\":\"X");
                    assertNotEquals(json, wrongType);
                    sent.add(producer.send(EventRecords.record(Topics.SAMPLES, asset,
                            wrongType.getBytes(StandardCharsets.UTF_8))));
                    corrupt += 2;
                }
            }
            // an old observation of tc-1 re-sent after newer ones of the same data item
            for (Envelope<SampleObserved> p : previous.values()) {
                if (p.payload().assetId().equals("tc-1") && p.payload().dataItemId().equals("temperature")) {
                    Envelope<SampleObserved> newer = SampleLog.envelope("tc-1", "temperature", new Value.Number(-40),
                            p.time().plusMillis(1), Instant.now());
                    staleResend = p;
                    sent.add(producer.send(SampleLog.record(Topics.SAMPLES, newer)));
                    sent.add(producer.send(SampleLog.record(Topics.SAMPLES, p)));
                    folded.apply(newer);
                    folded.apply(p);
                    last = newer.time().isAfter(last) ? newer.time() : last;
                }
            }
            producer.flush();
        }
        Set<Integer> partitions = new TreeSet<>();
        SampleLog.all(sent).forEach(m -> partitions.add(m.partition()));
        return new Log(sent.size(), corrupt, last, staleResend, folded, partitions);
    }

    private static Value value(String item, Random random) {
        return switch (item) {
            case "temperature" -> random.nextInt(20) == 0 ? Value.UNAVAILABLE
                    : new Value.Number(Math.round(random.nextGaussian() * 1000) / 100.0 + 60);
            case "parts" -> new Value.Integer(random.nextInt(100_000));
            case "mode" -> new Value.Text(random.nextBoolean() ? "AUTO" : "MANUAL");
            case "heater" -> new Value.Bool(random.nextBoolean());
            default -> new Value.Condition(ConditionLevel.values()[random.nextInt(3)],
                    random.nextBoolean() ? "HI-TEMP" : null, random.nextBoolean() ? "Temperature high" : null);
        };
    }

    private static void start(LogFollower<SampleObserved> projector, String name) {
        Thread thread = new Thread(projector, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void awaitApplied(LogFollower<SampleObserved> projector, long records, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (projector.appliedCount() + projector.skippedCount() < records && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(records, projector.appliedCount() + projector.skippedCount(),
                "the running instance has seen every record");
    }
}
