package org.openfactory.bench.ingestion;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.openfactory.bench.BenchContext;
import org.openfactory.bench.Benchmark;
import org.openfactory.bench.Checks;
import org.openfactory.bench.Figures;
import org.openfactory.bench.Progress;
import org.openfactory.bench.Result;
import org.openfactory.bench.samples.SampleSchedule;
import org.openfactory.bench.samples.SampleTopic;
import org.openfactory.ingestion.log.EventLogWriter;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.Topic;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.model.kafka.TopicProvisioner;
import org.openfactory.model.kafka.Topics;

/**
 * Issue 6 item 2: events/s from the connector layer into the log. The real {@link EventLogWriter} (what every
 * connector hands its samples to: CloudEvents envelope, encoding, idempotent acks=all producer) against a raw
 * kafka-clients producer sending records of the same sizes and content, with the same keys, the same producer
 * settings, to a topic of the same layout on the same broker, in the same run. Both are verified by counting the
 * records on their topics afterwards.
 */
public final class IngestionBenchmark implements Benchmark {

    public static final String NAME = "ingestion";
    static final String RAW_TOPIC = "openfactory.bench.ingest-raw";
    /** Raw records cycle through this many pre-encoded sample events (real content, real sizes). */
    private static final int POOL = 1_000;
    private static final long TOPIC_TIMEOUT_MS = 60_000;
    private static final double TARGET_RATIO = 0.5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Result> run(BenchContext context) throws Exception {
        Checks checks = context.checks();
        String bootstrap = context.bootstrapServers();
        SampleSchedule schedule = new SampleSchedule(context.assets());
        long events = context.options().events();
        TopicLayout layout = TopicLayout.singleBroker();
        layout.ensure(bootstrap, TOPIC_TIMEOUT_MS);
        Topic samples = layout.topics().stream().filter(t -> t.name().equals(Topics.SAMPLES)).findFirst()
                .orElseThrow();
        TopicProvisioner.ensure(bootstrap, List.of(new Topic(RAW_TOPIC, samples.partitions(), samples.configs())),
                layout.replicationFactor(), TOPIC_TIMEOUT_MS);

        byte[][] pool = new byte[POOL][];
        long poolBytes = 0;
        Instant t = Instant.now();
        for (int k = 0; k < POOL; k++) {
            pool[k] = EventCodecs.SAMPLE.encode(EventCodecs.SAMPLE.envelope(schedule.sourceOf(k),
                    schedule.sample(k, t.plusNanos(k)), t.plusNanos(k)));
            poolBytes += pool[k].length;
        }

        long rawBefore = SampleTopic.records(bootstrap, RAW_TOPIC);
        Raw raw = produceRaw(bootstrap, schedule, pool, events);
        checks.verify(NAME, "every raw send was acknowledged", raw.failed == 0,
                Figures.count(raw.failed) + " failed" + (raw.firstFailure == null ? "" : ", first: "
                        + raw.firstFailure));
        checks.equal(NAME, "raw records on " + RAW_TOPIC, events,
                SampleTopic.records(bootstrap, RAW_TOPIC) - rawBefore);

        long writerBefore = SampleTopic.records(bootstrap, Topics.SAMPLES);
        Writer writer = appendThroughWriter(bootstrap, schedule, events);
        checks.equal(NAME, "EventLogWriter records on " + Topics.SAMPLES, events,
                SampleTopic.records(bootstrap, Topics.SAMPLES) - writerBefore);

        double rawRate = Figures.perSecond(events, raw.nanos);
        double writerRate = Figures.perSecond(events, writer.nanos);
        double rawSize = (double) poolBytes / POOL;
        double writerSize = writer.averageBytes;
        checks.verify(NAME, "raw records are the size of the writer's events", Math.abs(rawSize - writerSize)
                <= 0.05 * writerSize, String.format("raw %.0f bytes, writer %.0f bytes on average", rawSize,
                writerSize));

        List<Result> results = new ArrayList<>();
        results.add(Result.of(NAME, "raw kafka-clients producer, pre-encoded records (acks=all, idempotent, lz4)",
                rawRate, "events/s", "1 run"));
        results.add(Result.of(NAME, "EventLogWriter: envelope + encode + produce (acks=all, idempotent, lz4)",
                writerRate, "events/s", "1 run").against(rawRate, "raw producer"));
        results.add(Result.of(NAME, "EventLogWriter against the raw producer (target 0.50)", writerRate / rawRate,
                "ratio", "computed").against(TARGET_RATIO, "issue 6 target"));
        results.add(Result.of(NAME, "event size (average, uncompressed)", writerSize, "bytes", "computed"));
        return results;
    }

    private record Raw(long nanos, long failed, Throwable firstFailure) {
    }

    private record Writer(long nanos, double averageBytes) {
    }

    /** Same settings as every producer of the platform; no envelope, no encoding: bytes in, records out. */
    private static Raw produceRaw(String bootstrap, SampleSchedule schedule, byte[][] pool, long events) {
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Progress progress = new Progress(NAME, "raw producer to " + RAW_TOPIC, events);
        Properties props = EventRecords.producerProperties(bootstrap, "openfactory-bench-ingest-raw");
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (long k = 0; k < events; k++) {
                producer.send(new ProducerRecord<>(RAW_TOPIC, schedule.assetIdOf(k), pool[(int) (k % POOL)]),
                        (metadata, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e);
                            }
                        });
                progress.at(k + 1);
            }
            producer.flush();
        }
        return new Raw(System.nanoTime() - t0, failed.get(), firstFailure.get());
    }

    /**
     * What a connector does for each observation: {@code EventLogWriter.accept(source, sample)}; closing the
     * writer waits for every acknowledgement. The writer logs failed sends only: the record count checks them.
     */
    private static Writer appendThroughWriter(String bootstrap, SampleSchedule schedule, long events) {
        Progress progress = new Progress(NAME, "EventLogWriter to " + Topics.SAMPLES, events);
        double bytes = 0;
        Instant last = Instant.EPOCH;
        long t0 = System.nanoTime();
        try (EventLogWriter writer = new EventLogWriter(bootstrap, "openfactory-bench-ingest-writer",
                Clock.systemUTC())) {
            for (long k = 0; k < events; k++) {
                Instant observedAt = Instant.now();
                if (!observedAt.isAfter(last)) {
                    observedAt = last.plusNanos(1);
                }
                last = observedAt;
                SampleObserved sample = schedule.sample(k, observedAt);
                URI source = schedule.sourceOf(k);
                writer.accept(source, sample);
                progress.at(k + 1);
            }
        }
        long nanos = System.nanoTime() - t0;
        // the average size, outside the clock: the same encoding of every 100th event (times differ only)
        Instant now = Instant.now();
        long measured = 0;
        for (long k = 0; k < events; k += 100, measured++) {
            bytes += EventCodecs.SAMPLE.encode(EventCodecs.SAMPLE.envelope(schedule.sourceOf(k),
                    schedule.sample(k, now), now)).length;
        }
        return new Writer(nanos, bytes / (double) measured);
    }
}
