package org.openfactory.bench.samples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.openfactory.bench.BenchContext;
import org.openfactory.bench.Benchmark;
import org.openfactory.bench.Checks;
import org.openfactory.bench.Figures;
import org.openfactory.bench.Progress;
import org.openfactory.bench.Result;
import org.openfactory.bench.Timing.Timed;
import org.openfactory.registry.projection.AssetStateAt;
import org.openfactory.registry.projection.TimeTravel;

/**
 * {@link TimeTravel#query} for random assets at the middle of the samples timeline, with the default late-arrival
 * tolerance: each query reads its asset's partition from offset 0.
 */
public final class TimeTravelBenchmark implements Benchmark {

    public static final String NAME = "time-travel";
    private static final long SEED = 20_251_125L;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Result> run(BenchContext context) throws Exception {
        Checks checks = context.checks();
        SamplesOnLog samples = context.samples();
        SampleSchedule schedule = samples.schedule();
        ExpectedState expected = new ExpectedState(schedule);
        TimeTravel timeTravel = new TimeTravel(context.bootstrapServers(), samples.topic());
        int queries = context.options().timeTravelQueries();
        List<Integer> assets = randomAssets(schedule.assetCount(), context.options().warmups() + queries);

        Progress.line(NAME, queries + " queries at " + samples.midObservedAt() + " (event "
                + Figures.count(samples.midEvent()) + " of " + Figures.count(samples.events()) + ")");
        List<Long> latencies = new ArrayList<>();
        List<Double> scanRates = new ArrayList<>();
        List<Long> scanned = new ArrayList<>();
        long wrong = 0;
        String firstWrong = null;
        for (int i = 0; i < assets.size(); i++) {
            int asset = assets.get(i);
            long t0 = System.nanoTime();
            AssetStateAt state = timeTravel.query(schedule.assetId(asset), samples.midObservedAt(), TIMEOUT);
            long nanos = System.nanoTime() - t0;
            List<String> differences = expected.differences(asset, samples.midEvent(), state.items());
            wrong += differences.size();
            if (firstWrong == null && !differences.isEmpty()) {
                firstWrong = differences.get(0);
            }
            boolean warmup = i < context.options().warmups();
            Progress.line(NAME, String.format("%s %s: %.1f ms, %s records scanned, %d data items",
                    warmup ? "warm-up query" : "query", schedule.assetId(asset), Figures.millis(nanos),
                    Figures.count(state.scan().records()), state.items().size()));
            if (!warmup) {
                latencies.add(nanos);
                scanRates.add(state.scan().recordsPerSecond());
                scanned.add(state.scan().records());
            }
        }
        checks.verify(NAME, "every query returns the state at the instant", wrong == 0,
                assets.size() + " assets queried, " + Figures.count(wrong) + " data items wrong"
                        + (firstWrong == null ? "" : ", first: " + firstWrong));

        Timed<Void> timed = new Timed<>(latencies, null);
        String how = "median of " + queries + " queries";
        return List.of(
                Result.of(NAME, "query latency (median)", Figures.millis(timed.median()), "ms", how),
                Result.of(NAME, "query latency (max)", Figures.millis(latencies.stream().mapToLong(Long::longValue)
                        .max().orElse(0)), "ms", "max of " + queries + " queries"),
                Result.of(NAME, "records scanned per query", median(scanned.stream().map(Long::doubleValue).toList()),
                        "records", how),
                Result.of(NAME, "scan rate", median(scanRates), "records/s", how));
    }

    /** {@code count} distinct asset indexes (repeating only when there are fewer assets), chosen by a fixed seed. */
    private static List<Integer> randomAssets(int assetCount, int count) {
        Random random = new Random(SEED);
        if (assetCount < count) {
            List<Integer> repeated = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                repeated.add(random.nextInt(assetCount));
            }
            return repeated;
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(random.nextInt(assetCount));
        }
        return List.copyOf(chosen);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
