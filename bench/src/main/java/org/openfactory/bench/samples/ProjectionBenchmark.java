package org.openfactory.bench.samples;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openfactory.bench.BenchContext;
import org.openfactory.bench.BenchOptions;
import org.openfactory.bench.Benchmark;
import org.openfactory.bench.Checks;
import org.openfactory.bench.Figures;
import org.openfactory.bench.Heap;
import org.openfactory.bench.Progress;
import org.openfactory.bench.Result;
import org.openfactory.bench.Timing;
import org.openfactory.bench.Timing.Timed;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.registry.projection.LatestState;
import org.openfactory.registry.projection.LogFollower;

/**
 * Rebuilding the latest-state projection from the samples log, in three layers: reading the records only (Kafka
 * I/O), decoding and applying them in memory (no Kafka), and the real rebuild with a fresh
 * {@link LatestState#follower}. Then the heap the rebuilt projection holds.
 */
public final class ProjectionBenchmark implements Benchmark {

    public static final String NAME = "projection";
    /** The rebuild target of issue 6, events/s. */
    public static final double REBUILD_TARGET = 500_000;
    private static final int FOLD_CHUNK = 50_000;
    private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Result> run(BenchContext context) throws Exception {
        BenchOptions options = context.options();
        Checks checks = context.checks();
        SamplesOnLog samples = context.samples();
        String bootstrap = context.bootstrapServers();
        ExpectedState expected = new ExpectedState(samples.schedule());
        long events = samples.events();
        List<Result> results = new ArrayList<>();

        Timed<Long> reading = repeat(options, "read records only", () -> readOnly(bootstrap, samples));
        checks.equal(NAME, "records read from " + samples.topic(), events, reading.lastValue());
        results.add(Result.of(NAME, "read records only, no decoding (Kafka I/O)",
                Figures.perSecond(events, reading.median()), "events/s", reading.how()));
        results.add(Result.of(NAME, "read throughput (uncompressed event bytes)",
                Figures.megabytes(samples.bytes()) * 1e9 / reading.median(), "MB/s", reading.how()));

        List<Long> foldNanos = new ArrayList<>();
        LatestState folded = null;
        for (int run = 0; run < options.warmups() + options.runs(); run++) {
            folded = new LatestState();
            long nanos = foldInMemory(bootstrap, samples, folded);
            if (run >= options.warmups()) {
                foldNanos.add(nanos);
            }
        }
        verifyState(checks, "the in-memory fold", expected, samples, folded);
        folded = null; // not held while the rebuilt projection is weighed
        Timed<Void> folding = new Timed<>(foldNanos, null);
        results.add(Result.of(NAME, "decode + apply in memory, no Kafka", Figures.perSecond(events,
                folding.median()), "events/s", folding.how()));

        List<Long> rebuildNanos = new ArrayList<>();
        LatestState rebuilt = null;
        long heapBefore = 0;
        for (int run = 0; run < options.warmups() + options.runs(); run++) {
            boolean last = run == options.warmups() + options.runs() - 1;
            rebuilt = null;
            if (last) {
                heapBefore = Heap.usedAfterGc();
            }
            rebuilt = new LatestState();
            long nanos = rebuild(checks, bootstrap, samples, rebuilt, last);
            if (run >= options.warmups()) {
                rebuildNanos.add(nanos);
            }
        }
        long heapAfter = Heap.usedAfterGc();
        Timed<LatestState> rebuilding = new Timed<>(rebuildNanos, rebuilt);
        verifyState(checks, "the rebuilt projection", expected, samples, rebuilding.lastValue());
        results.add(Result.of(NAME, "rebuild with LatestState.follower from offset 0",
                Figures.perSecond(events, rebuilding.median()), "events/s", rebuilding.how())
                .against(REBUILD_TARGET, "issue 6 target"));

        long items = expected.observedItems(events - 1);
        long projectionBytes = heapAfter - heapBefore;
        results.add(Result.of(NAME, "heap held by the projection (" + Figures.count(items) + " data items)",
                Figures.megabytes(projectionBytes), "MB", "after System.gc()"));
        results.add(Result.of(NAME, "heap per data item", (double) projectionBytes / items, "bytes",
                "after System.gc()"));
        Reference.reachabilityFence(rebuilt);
        return results;
    }

    private static Timed<Long> repeat(BenchOptions options, String phase, Callable<Long> run)
            throws Exception {
        Progress.line(NAME, phase + ": " + options.warmups() + " warm-up(s), " + options.runs() + " run(s)");
        return Timing.measure(options.warmups(), options.runs(), run);
    }

    private static long readOnly(String bootstrap, SamplesOnLog samples) {
        AtomicLong bytes = new AtomicLong();
        long read = SampleTopic.readAll(bootstrap, samples.topic(), records -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                bytes.addAndGet(record.value().length); // touch every value, as a decoder would
            }
        });
        if (bytes.get() != samples.bytes()) {
            throw new IllegalStateException("read " + bytes.get() + " bytes of values, produced " + samples.bytes());
        }
        return read;
    }

    /**
     * Reads the log in chunks and times only the decoding and applying of each chunk, so Kafka I/O is left out.
     *
     * @return nanoseconds spent decoding and applying
     */
    private static long foldInMemory(String bootstrap, SamplesOnLog samples, LatestState state) {
        List<byte[]> chunk = new ArrayList<>(FOLD_CHUNK);
        long[] nanos = {0};
        Progress progress = new Progress(NAME, "decode + apply in memory", samples.events());
        long[] done = {0};
        Runnable fold = () -> {
            long t0 = System.nanoTime();
            for (byte[] value : chunk) {
                state.apply(EventCodecs.SAMPLE.decode(value));
            }
            nanos[0] += System.nanoTime() - t0;
            done[0] += chunk.size();
            chunk.clear();
            progress.at(done[0]);
        };
        SampleTopic.readAll(bootstrap, samples.topic(), records -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                chunk.add(record.value());
                if (chunk.size() == FOLD_CHUNK) {
                    fold.run();
                }
            }
        });
        fold.run();
        return nanos[0];
    }

    /** A fresh follower replays the topic into {@code state}; returns the nanoseconds until it caught up. */
    private static long rebuild(Checks checks, String bootstrap, SamplesOnLog samples, LatestState state,
                                boolean verify) throws InterruptedException {
        AtomicLong changes = new AtomicLong();
        Progress progress = new Progress(NAME, "rebuild with LatestState.follower", samples.events());
        long nanos;
        try (LogFollower<SampleObserved> follower = state.follower(bootstrap, s -> changes.incrementAndGet())) {
            Thread thread = new Thread(follower, "bench-projection-rebuild");
            thread.setDaemon(true);
            long t0 = System.nanoTime();
            thread.start();
            long deadline = t0 + REBUILD_TIMEOUT.toNanos();
            while (!follower.awaitCaughtUp(Duration.ofMillis(250))) {
                progress.at(follower.appliedCount());
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the rebuild did not catch up within " + REBUILD_TIMEOUT
                            + ": " + follower.appliedCount() + " events applied");
                }
            }
            nanos = System.nanoTime() - t0;
            progress.at(follower.appliedCount());
            if (verify) {
                checks.equal(NAME, "events applied by the rebuild", samples.events(), follower.appliedCount());
                checks.equal(NAME, "events the rebuild skipped", 0, follower.skippedCount());
                checks.equal(NAME, "changes the rebuild passed on (every event is new)", samples.events(),
                        changes.get());
            }
        }
        return nanos;
    }

    private static void verifyState(Checks checks, String what, ExpectedState expected, SamplesOnLog samples,
                                    LatestState state) {
        SampleSchedule schedule = samples.schedule();
        long wrong = 0;
        String first = null;
        for (int asset = 0; asset < schedule.assetCount(); asset++) {
            List<String> differences = expected.differences(asset, samples.events() - 1,
                    state.of(schedule.assetId(asset)));
            wrong += differences.size();
            if (first == null && !differences.isEmpty()) {
                first = differences.get(0);
            }
        }
        checks.verify(NAME, what + " holds the latest value of every data item", wrong == 0,
                Figures.count(expected.observedItems(samples.events() - 1)) + " data items expected, "
                        + Figures.count(wrong) + " wrong" + (first == null ? "" : ", first: " + first));
    }
}
