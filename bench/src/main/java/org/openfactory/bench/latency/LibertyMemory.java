package org.openfactory.bench.latency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.openfactory.bench.Checks;
import org.openfactory.bench.Figures;
import org.openfactory.bench.Progress;
import org.openfactory.bench.Result;
import org.openfactory.bench.registry.FactoryAssets;
import org.openfactory.bench.samples.SampleSchedule;
import org.openfactory.embedded.liberty.LibertyServer;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.model.kafka.Topics;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.LocatedAsset;
import org.openfactory.registry.asset.OpcUaConnection;
import org.openfactory.registry.log.RegistryClient;

/**
 * Issue 6 item 6: the resident memory (VmRSS) of the Liberty JVM while it holds 100,000 data items of live state:
 * 5,000 generated assets of 20 data items, their OPC UA connectors pointing at a closed port of this machine (they
 * fail at once and retry), one sample per data item written straight to {@code openfactory.samples} with the
 * model's codec. RSS is read before the assets are registered and once GraphQL serves their values.
 */
final class LibertyMemory {

    static final int ASSETS = 5_000;
    static final int ITEMS = 20;
    private static final String NAME = EndToEndLatencyBenchmark.NAME;
    private static final String[] PROBES = {"m-00000", "m-02500", "m-04999"};

    private final HttpClient http = HttpClient.newHttpClient();

    List<Result> measure(Checks checks, LibertyServer liberty, String bootstrap, int closedPort) throws Exception {
        ProcessHandle jvm = libertyJvm(liberty.process());
        long before = settledRssKb(jvm);
        Progress.line(NAME, "memory: Liberty JVM pid " + jvm.pid() + ", VmRSS " + before / 1024 + " MB; registering "
                + Figures.count(ASSETS) + " assets x " + ITEMS + " data items");
        List<AssetDefinition> definitions = new ArrayList<>();
        for (AssetDefinition d : FactoryAssets.generate(ASSETS, ITEMS).definitions()) {
            definitions.add(new AssetDefinition(d.id(), d.unsPath(), d.type(), d.description(),
                    new OpcUaConnection("opc.tcp://127.0.0.1:" + closedPort + "/openfactory"), d.dataItems()));
        }
        new RegistryClient(bootstrap, URI.create("/openfactory/bench"), Clock.systemUTC(), TopicLayout.singleBroker())
                .apply(definitions.stream().map(LocatedAsset::unlocated).toList(), false, Duration.ofSeconds(120));
        SampleSchedule schedule = new SampleSchedule(new FactoryAssets(definitions));
        long events = schedule.pairs();
        AtomicLong failed = new AtomicLong();
        Instant last = Instant.EPOCH;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                EventRecords.producerProperties(bootstrap, "openfactory-bench-memory"))) {
            for (long k = 0; k < events; k++) {
                Instant observedAt = Instant.now();
                if (!observedAt.isAfter(last)) {
                    observedAt = last.plusNanos(1_000);
                }
                last = observedAt;
                SampleObserved sample = schedule.sample(k, observedAt);
                Envelope<SampleObserved> envelope = EventCodecs.SAMPLE.envelope(schedule.sourceOf(k), sample,
                        observedAt);
                producer.send(EventRecords.record(Topics.SAMPLES, sample.assetId(),
                        EventCodecs.SAMPLE.encode(envelope)), (m, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        checks.equal(NAME, "memory: samples written (one per data item), failed sends", 0, failed.get());
        long served = awaitServed(Duration.ofMinutes(3));
        checks.equal(NAME, "memory: probe assets of which GraphQL serves at least 18 of 20 data items with a value (of "
                + PROBES.length + ")", PROBES.length, served);
        long after = settledRssKb(jvm);
        long items = (long) ASSETS * ITEMS;
        String how = "VmRSS of the Liberty JVM (pid " + jvm.pid() + "), /proc";
        List<Result> results = new ArrayList<>();
        results.add(Result.of(NAME, "Liberty RSS before the 100,000 data items", before / 1024.0, "MB", how));
        results.add(Result.of(NAME, "Liberty RSS holding 100,000 data items (5,000 assets x 20)", after / 1024.0,
                "MB", how + "; once GraphQL served them"));
        results.add(Result.of(NAME, "Liberty RSS per data item (delta / 100,000)", (after - before) * 1024.0 / items,
                "bytes", "includes the 5,000 assets' definitions and retrying connectors"));
        return results;
    }

    /** Until every probe asset's data items all have a value in {@code asset(id)}; how many probes did. */
    private long awaitServed(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long served = 0;
        while (System.nanoTime() < deadline) {
            served = 0;
            for (String id : PROBES) {
                JsonNode items = query("{ asset(id: \"" + id + "\") { dataItems { id value } } }")
                        .at("/data/asset/dataItems");
                long withValue = 0;
                for (JsonNode item : items) {
                    if (item.hasNonNull("value")) {
                        withValue++;
                    }
                }
                if (withValue >= ITEMS - 2) { // an UNAVAILABLE sample (every 97th numeric value) has no value
                    served++;
                }
            }
            if (served == PROBES.length) {
                JsonNode page = query("{ assets(first: 100) { edges { node { id } } } }");
                Progress.line(NAME, "memory: GraphQL serves the values; assets(first: 100) answered "
                        + page.at("/data/assets/edges").size() + " assets");
                return served;
            }
            Thread.sleep(500);
        }
        return served;
    }

    private JsonNode query(String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/graphql"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(SubscriptionClient.JSON.writeValueAsString(
                        SubscriptionClient.JSON.createObjectNode().put("query", query))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return SubscriptionClient.JSON.readTree(response.body());
    }

    private final String baseUrl;

    LibertyMemory(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The Java process among the started one and its descendants (the script may run it as a child). */
    private static ProcessHandle libertyJvm(ProcessHandle started) {
        return Stream.concat(Stream.of(started), started.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(started);
    }

    /** VmRSS in KB, after it stopped moving by more than 1 % over a second (at most 10 s). */
    private static long settledRssKb(ProcessHandle process) throws Exception {
        long previous = rssKb(process);
        for (int i = 0; i < 10; i++) {
            Thread.sleep(1_000);
            long now = rssKb(process);
            if (Math.abs(now - previous) * 100 < previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static long rssKb(ProcessHandle process) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + process.pid());
    }
}
