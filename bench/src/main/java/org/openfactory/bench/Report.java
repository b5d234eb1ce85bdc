package org.openfactory.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a run found: what it ran on, how busy the machine was, the figures and the checks. */
public record Report(Instant startedAt, Instant finishedAt, Environment environment, MachineLoad.Summary load,
                     BenchOptions options, Map<String, Double> secondsByBenchmark, List<Result> results,
                     List<Check> checks) {

    public Report {
        secondsByBenchmark = Collections.unmodifiableMap(new LinkedHashMap<>(secondsByBenchmark)); // run order
        results = List.copyOf(results);
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
