package org.openfactory.bench.registry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetValidator;
import org.openfactory.registry.asset.UnsTemplate;
import org.openfactory.registry.event.RegistryEvent;
import org.openfactory.registry.event.RegistryEventCodec;
import org.openfactory.registry.log.RegistryClient;
import org.openfactory.registry.plan.PlannedChange;
import org.openfactory.registry.plan.RegistryPlan;
import org.openfactory.registry.plan.RegistryPlanner;
import org.openfactory.registry.view.RegistryView;
import org.openfactory.registry.view.UnsNode;

/**
 * The asset registry at factory scale: validate, plan, append to the registry topic, read the view back, re-plan
 * (must be empty) and build the UNS tree.
 */
public final class RegistryBenchmark implements Benchmark {

    public static final String NAME = "registry";
    static final URI SOURCE = URI.create("/openfactory/bench");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Result> run(BenchContext context) throws Exception {
        BenchOptions options = context.options();
        Checks checks = context.checks();
        List<AssetDefinition> definitions = context.assets().definitions();
        int assets = definitions.size();
        int warmups = options.warmups();
        int runs = options.runs();
        List<Result> results = new ArrayList<>();

        Progress.line(NAME, "validating " + Figures.count(assets) + " definitions");
        Timed<Long> validation = Timing.measure(warmups, runs, () -> invalidCount(definitions));
        checks.equal(NAME, "every generated definition is valid (invalid ones)", 0, validation.lastValue());
        results.add(rate("validate definitions", assets, "assets/s", validation));

        Progress.line(NAME, "planning against an empty registry");
        Timed<RegistryPlan> planning = Timing.measure(warmups, runs,
                () -> RegistryPlanner.plan(RegistryView.empty(), definitions, false));
        RegistryPlan plan = planning.lastValue();
        checks.equal(NAME, "the plan against an empty registry registers every asset", assets,
                plan.changes().stream().filter(c -> c instanceof PlannedChange.Register).count());
        results.add(rate("plan against an empty registry", assets, "assets/s", planning));

        TopicLayout layout = TopicLayout.singleBroker();
        layout.ensure(context.bootstrapServers(), TIMEOUT.toMillis()); // topics exist before the clock starts
        RegistryClient client = new RegistryClient(context.bootstrapServers(), SOURCE, Clock.systemUTC(), layout);
        List<RegistryEvent> events = plan.events();
        long eventBytes = encodedSize(events);
        Progress.line(NAME, "appending " + Figures.count(events.size()) + " AssetRegistered events ("
                + Figures.figure(Figures.megabytes(eventBytes)) + " MB)");
        Timed<Void> appending = Timing.once(() -> {
            client.append(events, TIMEOUT);
            return null;
        });
        results.add(rate("append AssetRegistered events (acks=all, idempotent)", events.size(), "events/s",
                appending));
        results.add(Result.of(NAME, "append throughput", Figures.megabytes(eventBytes) * 1e9 / appending.median(),
                "MB/s", appending.how()));
        results.add(Result.of(NAME, "registry event size (average)", (double) eventBytes / events.size(), "bytes",
                "computed"));

        Progress.line(NAME, "reading the registry back from the log");
        Timed<RegistryView> reading = Timing.measure(warmups, runs, () -> client.read(TIMEOUT));
        RegistryView view = reading.lastValue();
        checks.equal(NAME, "the view read from the log holds every asset", assets, view.size());
        results.add(rate("read the view from the log", assets, "assets/s", reading));

        Timed<RegistryPlan> replanning = Timing.measure(warmups, runs,
                () -> RegistryPlanner.plan(view, definitions, false));
        RegistryPlan replan = replanning.lastValue();
        checks.verify(NAME, "re-planning the same definitions against the read view is empty (idempotence)",
                replan.isEmpty() && replan.unchanged().size() == assets,
                Figures.count(replan.changes().size()) + " changes, " + Figures.count(replan.unchanged().size())
                        + " unchanged");
        results.add(rate("re-plan against the read view (no change)", assets, "assets/s", replanning));

        Timed<UnsNode> treeBuilding = Timing.measure(warmups, runs, view::unsTree);
        checks.equal(NAME, "the UNS tree has every asset as a leaf", assets,
                treeBuilding.lastValue().assetIds().size());
        results.add(Result.of(NAME, "build the UNS tree of " + Figures.count(assets) + " assets",
                Figures.millis(treeBuilding.median()), "ms", treeBuilding.how()));
        return results;
    }

    private static long invalidCount(List<AssetDefinition> definitions) {
        return definitions.stream()
                .filter(d -> !AssetValidator.validate(d, UnsTemplate.DEFAULT).isEmpty())
                .count();
    }

    private static long encodedSize(List<RegistryEvent> events) {
        Instant now = Instant.now();
        return events.stream()
                .mapToLong(e -> RegistryEventCodec.encode(RegistryEventCodec.envelope(SOURCE, e, now)).length)
                .sum();
    }

    private static Result rate(String measure, long count, String unit, Timed<?> timed) {
        return Result.of(NAME, measure, Figures.perSecond(count, timed.median()), unit, timed.how());
    }
}
