package org.openfactory.bench.samples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openfactory.bench.BenchContext;
import org.openfactory.bench.BenchOptions;
import org.openfactory.bench.Benchmark;
import org.openfactory.bench.Checks;
import org.openfactory.bench.Figures;
import org.openfactory.bench.Progress;
import org.openfactory.bench.Result;
import org.openfactory.bench.Timing;
import org.openfactory.bench.Timing.Timed;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.Topic;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.model.kafka.TopicProvisioner;
import org.openfactory.model.kafka.Topics;

/**
 * Writes the sample events the projection benchmarks read: encoding alone (no Kafka), then encode + produce to
 * {@code openfactory.samples}, after a warm-up production to a scratch topic of the same layout.
 */
public final class SampleProductionBenchmark implements Benchmark {

    public static final String NAME = "samples";
    static final String WARMUP_TOPIC = "openfactory.bench.warmup";
    private static final int ENCODE_EVENTS = 200_000;
    private static final int WARMUP_EVENTS = 100_000;
    private static final long TOPIC_TIMEOUT_MS = 60_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Result> run(BenchContext context) throws Exception {
        BenchOptions options = context.options();
        Checks checks = context.checks();
        String bootstrap = context.bootstrapServers();
        SampleSchedule schedule = new SampleSchedule(context.assets());
        long events = options.events();
        List<Result> results = new ArrayList<>();

        TopicLayout layout = TopicLayout.singleBroker();
        layout.ensure(bootstrap, TOPIC_TIMEOUT_MS);
        checks.equal(NAME, Topics.SAMPLES + " partitions", layout.partitions(),
                SampleTopic.partitions(bootstrap, Topics.SAMPLES));

        int encodeEvents = (int) Math.min(events, ENCODE_EVENTS);
        Progress.line(NAME, "encoding " + Figures.count(encodeEvents) + " events in memory");
        Timed<Long> encoding = Timing.measure(options.warmups(), options.runs(),
                () -> encodeOnly(schedule, encodeEvents));
        results.add(Result.of(NAME, "envelope + encode, no Kafka (" + Figures.count(encodeEvents) + " events)",
                Figures.perSecond(encodeEvents, encoding.median()), "events/s", encoding.how()));

        SampleProducer producer = new SampleProducer(bootstrap, schedule);
        if (options.warmups() > 0) {
            createWarmupTopic(bootstrap, layout);
            SampleProducer.Outcome warmup = producer.produce(WARMUP_TOPIC, Math.min(events, WARMUP_EVENTS),
                    NAME + "-warmup");
            if (warmup.failed() > 0) {
                Progress.line(NAME, "warm-up: " + warmup.failed() + " sends failed, first: " + warmup.firstFailure());
            }
        }
        SampleProducer.Outcome produced = producer.produce(Topics.SAMPLES, events, NAME);
        checks.verify(NAME, "every send was acknowledged", produced.failed() == 0,
                Figures.count(produced.failed()) + " failed"
                        + (produced.firstFailure() == null ? "" : ", first: " + produced.firstFailure()));
        checks.equal(NAME, "events on " + Topics.SAMPLES, events, SampleTopic.records(bootstrap, Topics.SAMPLES));

        results.add(Result.of(NAME, "encode + produce to " + Topics.SAMPLES + " (acks=all, idempotent, lz4)",
                Figures.perSecond(events, produced.nanos()), "events/s", "1 run"));
        results.add(Result.of(NAME, "produce throughput (uncompressed event bytes)",
                Figures.megabytes(produced.bytes()) * 1e9 / produced.nanos(), "MB/s", "1 run"));
        results.add(Result.of(NAME, "sample event size (average)", (double) produced.bytes() / events, "bytes",
                "computed"));
        context.samplesProduced(new SamplesOnLog(Topics.SAMPLES, schedule, events, produced.bytes(),
                produced.midEvent(), produced.midObservedAt()));
        return results;
    }

    /** Builds and encodes events as the producer does, without sending; returns the bytes (kept live). */
    private static long encodeOnly(SampleSchedule schedule, int events) {
        Instant start = Instant.now();
        long bytes = 0;
        for (long k = 0; k < events; k++) {
            Instant observedAt = start.plusNanos(k * 1_000);
            SampleObserved sample = schedule.sample(k, observedAt);
            bytes += EventCodecs.SAMPLE.encode(EventCodecs.SAMPLE.envelope(schedule.sourceOf(k), sample, observedAt))
                    .length;
        }
        return bytes;
    }

    private static void createWarmupTopic(String bootstrap, TopicLayout layout) {
        Topic samples = layout.topics().stream().filter(t -> t.name().equals(Topics.SAMPLES)).findFirst()
                .orElseThrow();
        TopicProvisioner.ensure(bootstrap, List.of(new Topic(WARMUP_TOPIC, samples.partitions(), samples.configs())),
                layout.replicationFactor(), TOPIC_TIMEOUT_MS);
    }
}
