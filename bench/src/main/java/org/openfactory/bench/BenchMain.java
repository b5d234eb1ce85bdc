package org.openfactory.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openfactory.bench.ingestion.IngestionBenchmark;
import org.openfactory.bench.latency.EndToEndLatencyBenchmark;
import org.openfactory.bench.registry.RegistryBenchmark;
import org.openfactory.bench.samples.ProjectionBenchmark;
import org.openfactory.bench.samples.SampleProductionBenchmark;
import org.openfactory.bench.samples.TimeTravelBenchmark;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.embedded.logging.ConsoleLogging;

/**
 * Runs every benchmark on one in-process KRaft broker, prints one table on stdout (progress goes to stderr) and
 * writes the results to {@code bench/results/<timestamp>.json} and {@code bench/results/latest.json}. Exits 1 when
 * a benchmark's own check fails, 2 on a wrong option. Usage: {@code bench/run --help}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** In run order: later benchmarks read what earlier ones wrote (the samples). */
    static List<Benchmark> benchmarks() {
        return List.of(new RegistryBenchmark(), new SampleProductionBenchmark(), new ProjectionBenchmark(),
                new TimeTravelBenchmark(), new IngestionBenchmark());
    }

    /**
     * Benchmarks that start the assembled Liberty server with a broker of their own; they run after the shared
     * broker has stopped, and not with {@code --no-server}.
     */
    static List<Benchmark> serverBenchmarks() {
        return List.of(new EndToEndLatencyBenchmark());
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        ConsoleLogging.configure();
        Report report = run(options);
        System.out.print(ResultTable.format(report));
        Path file = ResultsFile.write(report, options.resultsDir());
        System.out.println("results: " + file + " (copied to " + options.resultsDir().resolve(ResultsFile.LATEST)
                + ")");
        System.exit(report.passed() ? 0 : 1);
    }

    /** Runs the benchmarks; a benchmark that throws counts as a failed check and the next one still runs. */
    public static Report run(BenchOptions options) {
        Instant startedAt = Instant.now();
        Environment environment = Environment.current();
        MachineLoad load = MachineLoad.start();
        List<Result> results = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        BenchContext context;
        wipe(options.dataDir());
        try (KafkaBroker kafka = KafkaBroker.startOnFreePorts(options.dataDir())) {
            context = new BenchContext(options, kafka.bootstrapServers());
            for (Benchmark benchmark : benchmarks()) {
                runOne(benchmark, context, results, seconds);
            }
        } finally {
            if (!options.keepData()) {
                wipe(options.dataDir());
            }
        }
        if (options.serverBenchmarks()) {
            for (Benchmark benchmark : serverBenchmarks()) {
                runOne(benchmark, context, results, seconds);
            }
        }
        return new Report(startedAt, Instant.now(), environment, load.stop(), options, seconds, results,
                context.checks().all());
    }

    private static void runOne(Benchmark benchmark, BenchContext context, List<Result> results,
                               Map<String, Double> seconds) {
        Progress.line(benchmark.name(), "started");
        long t0 = System.nanoTime();
        try {
            results.addAll(benchmark.run(context));
        } catch (Exception | AssertionError e) {
            context.checks().verify(benchmark.name(), "the benchmark ran to its end", false, e.toString());
            e.printStackTrace();
        }
        seconds.put(benchmark.name(), (System.nanoTime() - t0) / 1e9);
        Progress.line(benchmark.name(), String.format("finished in %.1f s", seconds.get(benchmark.name())));
    }

    /** Deletes the broker's data directory, so every run starts on empty topics. */
    public static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the broker data in " + dir, e);
        }
    }
}
