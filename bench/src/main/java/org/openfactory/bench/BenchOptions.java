package org.openfactory.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale and places of a run. The defaults are the figures of issue 3 item 8: 10,000 assets with 20 data items
 * each, 1,000,000 sample events.
 *
 * @param runs    measured runs of each repeatable phase (the median is reported)
 * @param warmups unmeasured runs before them
 * @param serverBenchmarks run the benchmarks that start the assembled Liberty server (not in the smoke test)
 */
public record BenchOptions(int assets, int itemsPerAsset, int events, int runs, int warmups, int timeTravelQueries,
                           Path resultsDir, Path dataDir, boolean keepData,
                           boolean serverBenchmarks) {

    public static final String USAGE = String.join("\n",
            "usage: bench/run [options]   (java ... org.openfactory.bench.BenchMain [options])",
            "  --assets N          assets to register (default 10000)",
            "  --items N           data items per asset (default 20)",
            "  --events N          sample events to produce and project (default 1000000)",
            "  --runs N            measured runs of each repeatable phase; the median is reported (default 3)",
            "  --warmups N         unmeasured runs before them (default 1)",
            "  --queries N         time-travel queries (default 20)",
            "  --results DIR       where <timestamp>.json and latest.json go (default bench/results)",
            "  --data-dir DIR      the broker's data, wiped at start (default bench/target/kafka-data)",
            "  --keep-data         leave the broker's data after the run",
            "  --no-server         skip the benchmarks that start the Liberty server (end-to-end latency)");

    public BenchOptions {
        positive(assets, "--assets");
        positive(itemsPerAsset, "--items");
        positive(events, "--events");
        positive(runs, "--runs");
        positive(timeTravelQueries, "--queries");
        if (warmups < 0) {
            throw new IllegalArgumentException("--warmups must be 0 or more: " + warmups);
        }
    }

    public static BenchOptions defaults() {
        return new BenchOptions(10_000, 20, 1_000_000, 3, 1, 20, Path.of("bench", "results"),
                Path.of("bench", "target", "kafka-data"), false, true);
    }

    /** @throws IllegalArgumentException with a message naming the option that is wrong */
    public static BenchOptions parse(String[] args) {
        BenchOptions o = defaults();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (option.equals("--keep-data")) {
                o = new BenchOptions(o.assets, o.itemsPerAsset, o.events, o.runs, o.warmups, o.timeTravelQueries,
                        o.resultsDir, o.dataDir, true, o.serverBenchmarks);
                continue;
            }
            if (option.equals("--no-server")) {
                o = new BenchOptions(o.assets, o.itemsPerAsset, o.events, o.runs, o.warmups, o.timeTravelQueries,
                        o.resultsDir, o.dataDir, o.keepData, false);
                continue;
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("unknown option or missing value: " + option);
            }
            String value = rest.remove(0);
            o = switch (option) {
                case "--assets" -> new BenchOptions(number(option, value), o.itemsPerAsset, o.events, o.runs,
                        o.warmups, o.timeTravelQueries, o.resultsDir, o.dataDir, o.keepData, o.serverBenchmarks);
                case "--items" -> new BenchOptions(o.assets, number(option, value), o.events, o.runs, o.warmups,
                        o.timeTravelQueries, o.resultsDir, o.dataDir, o.keepData, o.serverBenchmarks);
                case "--events" -> new BenchOptions(o.assets, o.itemsPerAsset, number(option, value), o.runs,
                        o.warmups, o.timeTravelQueries, o.resultsDir, o.dataDir, o.keepData, o.serverBenchmarks);
                case "--runs" -> new BenchOptions(o.assets, o.itemsPerAsset, o.events, number(option, value),
                        o.warmups, o.timeTravelQueries, o.resultsDir, o.dataDir, o.keepData, o.serverBenchmarks);
                case "--warmups" -> new BenchOptions(o.assets, o.itemsPerAsset, o.events, o.runs,
                        number(option, value), o.timeTravelQueries, o.resultsDir, o.dataDir, o.keepData, o.serverBenchmarks);
                case "--queries" -> new BenchOptions(o.assets, o.itemsPerAsset, o.events, o.runs, o.warmups,
                        number(option, value), o.resultsDir, o.dataDir, o.keepData, o.serverBenchmarks);
                case "--results" -> new BenchOptions(o.assets, o.itemsPerAsset, o.events, o.runs, o.warmups,
                        o.timeTravelQueries, Path.of(value), o.dataDir, o.keepData, o.serverBenchmarks);
                case "--data-dir" -> new BenchOptions(o.assets, o.itemsPerAsset, o.events, o.runs, o.warmups,
                        o.timeTravelQueries, o.resultsDir, Path.of(value), o.keepData, o.serverBenchmarks);
                default -> throw new IllegalArgumentException("unknown option: " + option);
            };
        }
        return o;
    }

    /** {@code 10,000 assets x 20 data items, 1,000,000 events, median of 3 runs after 1 warm-up}. */
    public String describe() {
        return Figures.count(assets) + " assets x " + itemsPerAsset + " data items, " + Figures.count(events)
                + " sample events, " + timeTravelQueries + " time-travel queries; repeatable phases: median of "
                + runs + " run" + (runs == 1 ? "" : "s") + " after " + warmups + " warm-up" + (warmups == 1 ? "" : "s");
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
        }
    }

    private static void positive(int value, String option) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be 1 or more: " + value);
        }
    }
}
