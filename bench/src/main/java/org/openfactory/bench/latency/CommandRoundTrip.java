package org.openfactory.bench.latency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.openfactory.bench.Checks;
import org.openfactory.bench.Figures;
import org.openfactory.bench.Progress;
import org.openfactory.bench.Result;
import org.openfactory.simulator.mqtt.EnergyMeterSimulator;

/**
 * Issue 6 item 4: the command round trip, as an integrator sees it. For each command: open
 * {@code commandResult(correlationId)} on a graphql-transport-ws socket kept open for the whole run (one subscription
 * per command, its id the correlation id), then start the clock and POST the {@code sendCommand} mutation (the
 * relay of a simulated MQTT v5 energy meter, alternately off and on), and stop it when the final result arrives at
 * the subscriber. Path: GraphQL -> {@code openfactory.commands} -> dispatcher -> MQTT connector -> Mosquitto ->
 * the meter (answers on its response topic) -> connector -> {@code openfactory.command-results} -> subscription.
 * Commands are sequential: the next is sent once the previous one's final result arrived.
 */
final class CommandRoundTrip {

    static final String ASSET = "bench-meter";
    static final String TARGET = EnergyMeterSimulator.RELAY;
    static final int WARMUP = 20;
    static final int MEASURED = 200;
    static final double P99_TARGET_MS = 50;
    private static final Duration RESULT_WAIT = Duration.ofSeconds(30);
    private static final String NAME = EndToEndLatencyBenchmark.NAME;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final String baseUrl;
    private final String run;
    private final Map<String, CompletableFuture<Final>> pending = new ConcurrentHashMap<>();

    private record Final(String status, long nanos, String detail, String correlationId, Instant sent,
                         Instant arrived) {
    }

    CommandRoundTrip(String baseUrl, String run) {
        this.baseUrl = baseUrl;
        this.endpoint = URI.create(baseUrl + "/graphql");
        this.run = run;
    }

    /** The meter's asset file: its relay, writable, and its power readings; CloudEvents as the simulator sends. */
    static String assetFile(String broker, String meterPrefix) {
        return String.join("\n",
                "apiVersion: openfactory/v1",
                "kind: Asset",
                "id: " + ASSET,
                "unsPath: bench/site1/area1/line1/cell1/" + ASSET,
                "type: EnergyMeter",
                "connector:",
                "  type: mqtt",
                "  broker: " + broker,
                "  format: cloudevents",
                "dataItems:",
                "  - id: power",
                "    category: SAMPLE",
                "    valueType: DOUBLE",
                "    mqtt: { topic: " + meterPrefix + "/power }",
                "  - id: relay",
                "    category: EVENT",
                "    valueType: BOOLEAN",
                "    writable: true",
                "    mqtt:",
                "      topic: " + meterPrefix + "/relay",
                "      commandTopic: " + meterPrefix + "/relay/set",
                "");
    }

    List<Result> measure(Checks checks, EnergyMeterSimulator meter) throws Exception {
        List<Result> results = new ArrayList<>();
        try (SubscriptionClient client = SubscriptionClient.connect(baseUrl, this::onNext, false)) {
            awaitConnector(client);
            long writesBefore = meter.commandCount();
            Progress.line(NAME, "commands: " + WARMUP + " warm-up, " + MEASURED + " measured round trips");
            long[] nanos = new long[MEASURED];
            int completed = 0;
            List<String> other = new ArrayList<>();
            List<Final> measured = new ArrayList<>();
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                Final result = roundTrip(client, "c" + i, i % 2 == 1);
                if ("COMPLETED".equals(result.status)) {
                    completed++;
                } else if (other.size() < 5) {
                    other.add(result.status + " " + result.detail);
                }
                if (i >= WARMUP) {
                    nanos[i - WARMUP] = result.nanos;
                    measured.add(result);
                }
            }
            Thread.sleep(200); // a doubled write would reach the meter now
            long writes = meter.commandCount() - writesBefore;
            checks.equal(NAME, "commands COMPLETED (warm-up and measured)", WARMUP + MEASURED, completed);
            if (!other.isEmpty()) {
                Progress.line(NAME, "commands not COMPLETED, the first: " + other);
            }
            checks.equal(NAME, "writes the meter received (each command exactly once)", WARMUP + MEASURED, writes);
            checks.verify(NAME, "the relay is in the state the last command set", meter.relay() == ((WARMUP
                    + MEASURED - 1) % 2 == 1), "relay " + meter.relay());
            checks.verify(NAME, "the command subscriptions' socket kept running", client.ended() == null,
                    String.valueOf(client.ended()));
            Arrays.sort(nanos);
            String how = Figures.count(MEASURED) + " sequential commands after " + WARMUP
                    + " warm-up, MQTT energy meter relay";
            results.add(Result.of(NAME, "command round trip, p50", percentile(nanos, 0.50) / 1e6, "ms", how));
            results.add(Result.of(NAME, "command round trip, p99", percentile(nanos, 0.99) / 1e6, "ms", how)
                    .against(P99_TARGET_MS, "issue 6 target"));
            results.add(Result.of(NAME, "command round trip, max", nanos[nanos.length - 1] / 1e6, "ms", how));
            results.addAll(breakdown(measured));
        }
        return results;
    }

    /**
     * Until the connector executes a command: right after start the MQTT connector may still be connecting (the
     * command fails NOT_CONNECTED); these tries are not counted.
     */
    private void awaitConnector(SubscriptionClient client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (int i = 0; ; i++) {
            Final result = roundTrip(client, "ready" + i, true);
            if ("COMPLETED".equals(result.status)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("after 2 minutes no command for " + ASSET + " completed; last: "
                        + result.status + " " + result.detail);
            }
            Thread.sleep(500);
        }
    }

    /** One command: subscribe to its result, then send it; the time from the POST to the final result. */
    private Final roundTrip(SubscriptionClient client, String name, boolean on) throws Exception {
        String correlationId = "bench-" + run + "-" + name;
        CompletableFuture<Final> done = new CompletableFuture<>();
        pending.put(correlationId, done);
        client.subscribe(correlationId, "subscription { commandResult(correlationId: \"" + correlationId
                + "\") { status failureCode reason } }");
        Instant sent = Instant.now();
        long t0 = System.nanoTime();
        String mutation = "mutation { sendCommand(command: {assetId: \"" + ASSET + "\", target: \"" + TARGET
                + "\", arguments: [{bool: " + on + "}], ttlSeconds: 30, correlationId: \"" + correlationId
                + "\"}) { correlationId } }";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(SubscriptionClient.JSON.writeValueAsString(
                        SubscriptionClient.JSON.createObjectNode().put("query", mutation))))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = SubscriptionClient.JSON.readTree(response.body());
        if (response.statusCode() != 200 || body.has("errors")
                || !correlationId.equals(body.at("/data/sendCommand/correlationId").asText())) {
            pending.remove(correlationId);
            throw new IllegalStateException("sendCommand answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            Final result = done.get(RESULT_WAIT.toSeconds(), TimeUnit.SECONDS);
            return new Final(result.status, result.nanos - t0, result.detail, correlationId, sent, result.arrived);
        } finally {
            pending.remove(correlationId);
        }
    }

    /** On the WebSocket's thread: a result of one of the commands. */
    private void onNext(JsonNode message) {
        long now = System.nanoTime();
        JsonNode result = message.at("/payload/data/commandResult");
        String status = result.path("status").asText();
        CompletableFuture<Final> done = pending.get(message.path("id").asText());
        if (done == null) {
            return;
        }
        if (result.isMissingNode() || result.isNull()) {
            done.complete(new Final("ERROR", now, message.toString(), null, null, Instant.now()));
        } else if (List.of("COMPLETED", "FAILED", "EXPIRED").contains(status)) {
            done.complete(new Final(status, now, result.path("failureCode").asText() + " "
                    + result.path("reason").asText(), null, null, Instant.now()));
        }
    }

    /**
     * Where the time goes, from the events' own times (wall clock of this machine, which the benchmark and the
     * server share): the POST to {@code CommandIssued}, to {@code CommandAccepted}, to {@code CommandCompleted}
     * (the dispatcher's decision after the meter answered), and on to the subscriber. Medians over the measured
     * commands, read with the {@code command} query once all have run.
     */
    private List<Result> breakdown(List<Final> measured) throws Exception {
        String[] names = {"POST to CommandIssued time", "CommandIssued to CommandAccepted",
                "CommandAccepted to CommandCompleted (the device write)", "CommandCompleted to the subscriber"};
        long[][] micros = new long[names.length][measured.size()];
        int n = 0;
        for (Final f : measured) {
            JsonNode command = query("{ command(correlationId: \"" + f.correlationId
                    + "\") { issuedAt results { status at } } }").at("/data/command");
            Instant issued = Instant.parse(command.path("issuedAt").asText());
            Instant accepted = null;
            Instant completed = null;
            for (JsonNode r : command.path("results")) {
                if ("ACCEPTED".equals(r.path("status").asText())) {
                    accepted = Instant.parse(r.path("at").asText());
                } else if ("COMPLETED".equals(r.path("status").asText())) {
                    completed = Instant.parse(r.path("at").asText());
                }
            }
            if (accepted == null || completed == null) {
                continue;
            }
            Instant[] points = {f.sent, issued, accepted, completed, f.arrived};
            for (int s = 0; s < names.length; s++) {
                micros[s][n] = Duration.between(points[s], points[s + 1]).toNanos() / 1000;
            }
            n++;
        }
        List<Result> results = new ArrayList<>();
        for (int s = 0; s < names.length; s++) {
            long[] sorted = Arrays.copyOf(micros[s], n);
            Arrays.sort(sorted);
            if (n > 0) {
                results.add(Result.of(NAME, "command round trip, median " + names[s], percentile(sorted, 0.5) / 1e3,
                        "ms", "event times; " + n + " commands"));
            }
        }
        return results;
    }

    private JsonNode query(String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(SubscriptionClient.JSON.writeValueAsString(
                        SubscriptionClient.JSON.createObjectNode().put("query", query))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return SubscriptionClient.JSON.readTree(response.body());
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
