package org.openfactory.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.embedded.liberty.LibertyServer;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.model.kafka.Topics;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.event.AssetRetired;
import org.openfactory.registry.log.RegistryClient;
import org.openfactory.simulator.opcua.TemperatureControllerServer;

/**
 * The vertical slice with real parts: a Milo OPC UA device, the OPC UA connector in Liberty, a KRaft broker, the
 * latest-state projection and GraphQL over HTTP and WebSocket.
 */
class OpcUaToGraphQLSliceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Liberty's logs stay here after the run, for diagnosis. */
    private static final Path LIBERTY_OUTPUT = Path.of("target", "liberty-it-" + System.currentTimeMillis());

    /** This run's own schema in the machine's PostgreSQL; dropped at the end. */
    private static final String HISTORIAN_SCHEMA = "it_slice_" + System.currentTimeMillis();

    @TempDir
    static Path work;

    static KafkaBroker kafka;
    static TemperatureControllerServer device;
    static LibertyServer liberty;
    static GraphQLClient graphql;
    static Path assets;

    @BeforeAll
    static void startPlatform() throws Exception {
        kafka = KafkaBroker.startOnFreePorts(work.resolve("kafka"));
        device = new TemperatureControllerServer("127.0.0.1", freePort());
        device.start();
        assets = Files.createDirectories(work.resolve("assets"));
        writeAsset("tc-1", device);
        applyAssets();
        liberty = LibertyServer.start(Path.of(System.getProperty("openfactory.wlp.dir")), "openfactory",
                LIBERTY_OUTPUT, freePort(),
                Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                        "openfactory.availability.unavailable-after-ms", "2000",
                        "openfactory.historian.schema", HISTORIAN_SCHEMA),
                Duration.ofMinutes(3));
        graphql = new GraphQLClient(liberty.baseUrl());
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (liberty != null) {
            liberty.close();
        }
        if (device != null) {
            device.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             java.sql.Statement drop = db.createStatement()) {
            drop.execute("DROP SCHEMA IF EXISTS " + HISTORIAN_SCHEMA + " CASCADE");
        }
    }

    @Test
    void theAssetQueryReturnsLiveValuesFromTheDevice() throws Exception {
        JsonNode temperature = awaitDataItem("temperature", item -> !item.path("value").isNull());
        assertEquals("DOUBLE", temperature.get("valueType").asText());
        assertTrue(temperature.get("number").isNumber());
        assertEquals(temperature.get("number").asDouble(), Double.parseDouble(temperature.get("value").asText()));
        Instant observed = Instant.parse(temperature.get("timestamp").asText());
        assertTrue(observed.isAfter(Instant.now().minusSeconds(60)), "device timestamp " + observed);

        JsonNode mode = awaitDataItem("mode", item -> !item.path("value").isNull());
        assertEquals("STRING", mode.get("valueType").asText());
        assertEquals("AUTO", mode.get("value").asText());
    }

    @Test
    void aValueWrittenOnTheDeviceArrivesThroughTheSubscriptionAndTheQuery() throws Exception {
        try (GraphQLSubscription subscription = GraphQLSubscription.open(liberty.baseUrl(),
                "subscription { dataItemChanged(filter: {assetId: \"tc-1\"}) { assetId id value number timestamp } }")) {
            // the temperature moves every 500 ms: its first change proves the subscription is live
            JsonNode first = subscription.next(WAIT);
            assertNotNull(first, "no change arrived through the subscription");
            assertEquals("next", first.get("type").asText(), first.toString());
            assertEquals("tc-1", first.at("/payload/data/dataItemChanged/assetId").asText());

            double setpoint = 60.0 + (System.nanoTime() % 1000) / 100.0 + 0.25;
            device.setSetpoint(setpoint);

            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonNode change = null;
            while (change == null && System.nanoTime() < deadline) {
                JsonNode message = subscription.next(Duration.ofSeconds(1));
                if (message == null) {
                    continue;
                }
                assertEquals("next", message.get("type").asText(), message.toString());
                JsonNode item = message.at("/payload/data/dataItemChanged");
                if (item.get("id").asText().equals("setpoint") && item.get("number").asDouble() == setpoint) {
                    change = item;
                }
            }
            assertNotNull(change, "setpoint " + setpoint + " did not arrive through the subscription");
            assertFalse(change.get("timestamp").isNull());
        }
        // the projection behind the query has it too
        JsonNode setpointItem = graphql.query("{ asset(id: \"tc-1\") { dataItems { id number } } }")
                .at("/data/asset/dataItems");
        assertTrue(findItem(setpointItem, "setpoint").get("number").asDouble() >= 60.25);
    }

    @Test
    void theSubscriptionOnlyCarriesTheRequestedDataItems() throws Exception {
        try (GraphQLSubscription subscription = GraphQLSubscription.open(liberty.baseUrl(),
                "subscription { dataItemChanged(filter: {assetId: \"tc-1\", dataItemIds: [\"temperature\"]}) { id } }")) {
            for (int i = 0; i < 3; i++) {
                JsonNode message = subscription.next(WAIT);
                assertNotNull(message, "no temperature change arrived");
                assertEquals("temperature", message.at("/payload/data/dataItemChanged/id").asText(),
                        message.toString());
            }
        }
    }

    @Test
    void aDeviceThatGoesAwayIsUnavailableAndDataFlowsAgainWhenItReturns() throws Exception {
        assertEquals("AVAILABLE", awaitAvailability("AVAILABLE"));
        try (GraphQLSubscription subscription = GraphQLSubscription.open(liberty.baseUrl(),
                "subscription { availabilityChanged(assetId: \"tc-1\") { assetId availability reason timestamp } }")) {
            Thread.sleep(500); // let the subscription reach the server before the device goes
            device.close();
            JsonNode lost = subscription.next(WAIT);
            assertNotNull(lost, "no UNAVAILABLE within " + WAIT);
            assertEquals("UNAVAILABLE", lost.at("/payload/data/availabilityChanged/availability").asText(),
                    lost.toString());
            assertEquals("UNAVAILABLE", awaitAvailability("UNAVAILABLE"));

            device.start();
            JsonNode back = subscription.next(WAIT);
            assertNotNull(back, "no AVAILABLE after the device returned");
            assertEquals("AVAILABLE", back.at("/payload/data/availabilityChanged/availability").asText(),
                    back.toString());
        }
        Instant returned = Instant.now();
        awaitDataItem("temperature", item -> Instant.parse(item.get("timestamp").asText()).isAfter(returned));
    }

    private static String awaitAvailability(String expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = graphql.query("{ asset(id: \"tc-1\") { availability } }").at("/data/asset/availability").asText();
            if (expected.equals(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        return last;
    }

    @Test
    void aSetpointSentThroughGraphQLIsWrittenToTheDeviceAndComesBackAsData() throws Exception {
        double setpoint = 70.0 + (System.nanoTime() % 100) / 10.0 + 0.5;
        JsonNode receipt = graphql.query("mutation { sendCommand(command: {assetId: \"tc-1\", target: "
                + "\"setpoint\", arguments: [{number: " + setpoint + "}]}) { correlationId } }");
        String correlationId = receipt.at("/data/sendCommand/correlationId").asText();
        List<JsonNode> results = commandResults(correlationId);
        assertEquals(List.of("ACCEPTED", "COMPLETED"), results.stream().map(r -> r.get("status").asText()).toList(),
                results.toString());
        assertEquals(setpoint, device.setpoint(), 1e-9, "the device did not get the setpoint");
        awaitDataItem("setpoint", item -> item.get("number").asDouble() == setpoint);
    }

    @Test
    void aMethodCalledThroughGraphQLReturnsItsOutputs() throws Exception {
        JsonNode receipt = graphql.query("mutation { sendCommand(command: {assetId: \"tc-1\", target: "
                + "\"setMode\", arguments: [{string: \"MANUAL\"}]}) { correlationId } }");
        List<JsonNode> results = commandResults(receipt.at("/data/sendCommand/correlationId").asText());
        JsonNode completed = results.get(results.size() - 1);
        assertEquals("COMPLETED", completed.get("status").asText(), results.toString());
        assertEquals("STRING", completed.at("/outputs/0/valueType").asText(), completed.toString());
        awaitDataItem("mode", item -> "MANUAL".equals(item.get("value").asText()));
        JsonNode back = graphql.query("mutation { sendCommand(command: {assetId: \"tc-1\", target: \"setMode\", "
                + "arguments: [{string: \"AUTO\"}]}) { correlationId } }");
        List<JsonNode> restored = commandResults(back.at("/data/sendCommand/correlationId").asText());
        assertEquals("MANUAL", restored.get(restored.size() - 1).at("/outputs/0/value").asText(), "previous mode");
        awaitDataItem("mode", item -> "AUTO".equals(item.get("value").asText())); // as the other tests expect it
    }

    @Test
    void aCommandForAReadOnlyItemFailsWithItsReasonThroughTheSubscriptionAndTheQuery() throws Exception {
        JsonNode receipt = graphql.query("mutation { sendCommand(command: {assetId: \"tc-1\", target: "
                + "\"temperature\", arguments: [{number: 20.0}]}) { correlationId expiresAt } }");
        String correlationId = receipt.at("/data/sendCommand/correlationId").asText();
        assertFalse(correlationId.isEmpty(), receipt.toString());
        List<JsonNode> results = commandResults(correlationId);
        assertEquals(1, results.size(), "a refused command is never accepted: " + results);
        assertEquals("FAILED", results.get(0).get("status").asText());
        assertEquals("READ_ONLY", results.get(0).get("failureCode").asText());
        assertEquals("data item tc-1/temperature is read-only", results.get(0).get("reason").asText());
        JsonNode command = graphql.query("{ command(correlationId: \"" + correlationId + "\") { assetId target "
                + "issuer status arguments { valueType number } results { status failureCode } } }")
                .at("/data/command");
        assertEquals("FAILED", command.get("status").asText(), command.toString());
        assertEquals("anonymous", command.get("issuer").asText());
        assertEquals(20.0, command.at("/arguments/0/number").asDouble());
    }

    @Test
    void aBadCommandRequestIsABadRequestAndAnUnknownCommandIsNotFound() throws Exception {
        JsonNode bad = graphql.query("mutation { sendCommand(command: {assetId: \"tc-1\", target: \"setpoint\", "
                + "arguments: [{number: 1.0, string: \"x\"}]}) { correlationId } }");
        assertEquals("BAD_REQUEST", bad.at("/errors/0/extensions/code").asText(), bad.toString());
        assertTrue(bad.at("/errors/0/message").asText().contains("arguments[0] must set exactly one"),
                bad.toString());
        JsonNode unknown = graphql.query("{ command(correlationId: \"nope\") { status } }");
        assertEquals("NOT_FOUND", unknown.at("/errors/0/extensions/code").asText(), unknown.toString());
    }

    /** Every result of a command through the commandResult subscription, which completes after the final one. */
    private static List<JsonNode> commandResults(String correlationId) throws Exception {
        List<JsonNode> results = new java.util.ArrayList<>();
        try (GraphQLSubscription subscription = GraphQLSubscription.open(liberty.baseUrl(),
                "subscription { commandResult(correlationId: \"" + correlationId + "\") { correlationId status "
                        + "failureCode reason outputs { valueType value } } }")) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode message = subscription.next(Duration.ofSeconds(1));
                if (message == null) {
                    continue;
                }
                if ("complete".equals(message.get("type").asText())) {
                    return results;
                }
                assertEquals("next", message.get("type").asText(), message.toString());
                results.add(message.at("/payload/data/commandResult"));
            }
        }
        throw new AssertionError("the results of command " + correlationId + " did not complete: " + results);
    }

    /** The SDL under review; the test fails when the served schema differs from it. */
    private static final Path CHECKED_IN_SDL = Path.of("..", "docs", "schema.graphql");

    @Test
    void theServedSchemaIsTheCheckedInOneAndEveryTypeAndFieldIsDescribed() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(java.net.http.HttpRequest.newBuilder(URI.create(liberty.baseUrl() + "/graphql/schema.graphql"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        String served = response.body();
        Path copy = Files.writeString(Path.of("target", "schema.graphql"), served);
        String checkedIn = Files.exists(CHECKED_IN_SDL) ? Files.readString(CHECKED_IN_SDL) : "";
        assertEquals(checkedIn, served, "the served GraphQL schema changed: review " + copy.toAbsolutePath()
                + " and copy it to docs/schema.graphql");
        List<String> undescribed = SchemaDescriptions.undescribed(served);
        assertTrue(undescribed.isEmpty(), "types and fields without a description: " + undescribed);
    }

    @Test
    void aQueryDeeperThanTheLimitIsRefusedAndTheServerKeepsServing() throws Exception {
        StringBuilder deep = new StringBuilder("{ uns(path: \"acme\") { ");
        for (int i = 0; i < 16; i++) {
            deep.append("children { ");
        }
        deep.append("path ").append("} ".repeat(16)).append("} }");
        JsonNode refused = graphql.query(deep.toString());
        assertFalse(refused.path("errors").isEmpty(), refused.toString());
        assertTrue(refused.at("/errors/0/message").asText().toLowerCase().contains("depth"), refused.toString());
        assertTrue(refused.path("data").isNull() || refused.path("data").isMissingNode(), refused.toString());
        assertEquals("tc-1", graphql.query("{ asset(id: \"tc-1\") { id } }").at("/data/asset/id").asText());
    }

    @Test
    void theNpmGraphqlWsClientReceivesLiveChanges() throws Exception {
        Path client = Path.of("src", "test", "node").toAbsolutePath();
        run(client, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Duration.ofMinutes(3));
        ProcessResult result = run(client, List.of("node", "subscribe.mjs",
                liberty.baseUrl().replace("http://", "ws://") + "/graphql",
                "subscription { dataItemChanged(filter: {assetId: \"tc-1\", dataItemIds: [\"temperature\"]}) "
                        + "{ assetId id number timestamp } }", "3", "30000"), Duration.ofSeconds(60));
        List<String> lines = result.stdout().lines().toList();
        assertEquals(3, lines.size(), "graphql-ws printed: " + result.stdout() + result.stderr());
        for (String line : lines) {
            JsonNode message = GraphQLClient.JSON.readTree(line);
            assertEquals("next", message.get("type").asText(), line);
            JsonNode item = message.at("/payload/data/dataItemChanged");
            assertEquals("tc-1", item.get("assetId").asText(), line);
            assertEquals("temperature", item.get("id").asText(), line);
            assertTrue(item.get("number").isNumber(), line);
        }
    }

    private record ProcessResult(String stdout, String stderr) {
    }

    /** Runs a command to its end; fails the test with its output unless it exits with 0. */
    private static ProcessResult run(Path dir, List<String> command, Duration timeout) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within " + timeout + ": " + Files.readString(err));
        }
        ProcessResult result = new ProcessResult(Files.readString(out), Files.readString(err));
        assertEquals(0, process.exitValue(), command + " failed: " + result.stdout() + result.stderr());
        return result;
    }

    @Test
    void twoHundredConcurrentSubscribersAllReceiveLiveChanges() throws Exception {
        List<GraphQLSubscription> subscribers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                subscribers.add(GraphQLSubscription.open(liberty.baseUrl(), "subscription { dataItemChanged("
                        + "filter: {unsPrefix: \"acme/plant1\", category: SAMPLE}) { assetId id category } }"));
            }
            for (GraphQLSubscription subscriber : subscribers) {
                JsonNode message = subscriber.next(WAIT);
                assertNotNull(message, "a subscriber got nothing within " + WAIT);
                assertEquals("next", message.get("type").asText(), message.toString());
                assertEquals("SAMPLE", message.at("/payload/data/dataItemChanged/category").asText());
            }
        } finally {
            subscribers.forEach(GraphQLSubscription::close);
        }
        assertEquals("tc-1", graphql.query("{ asset(id: \"tc-1\") { id } }").at("/data/asset/id").asText());
    }

    @Test
    void aSubscriberThatStopsReadingDoesNotHoldUpTheOthers() throws Exception {
        // an asset of its own line, whose device never answers: only the test writes its samples
        writeAsset("flood-1", new TemperatureControllerServer("127.0.0.1", freePort()));
        Path flood = assets.resolve("flood-1.yaml");
        Files.writeString(flood, Files.readString(flood).replace("acme/plant1/utilities/line1/cell1/flood-1",
                "acme/flood/area1/line1/cell1/flood-1"));
        applyAssets();
        awaitDataItem("flood-1", "temperature", item -> true);
        String query = "subscription { dataItemChanged(filter: {assetId: \"flood-1\"}) { assetId id category "
                + "valueType value number units timestamp ingestedAt } }";
        int total = 60_000;
        try (GraphQLSubscription stalled = GraphQLSubscription.open(liberty.baseUrl(), query);
             GraphQLSubscription reader = GraphQLSubscription.open(liberty.baseUrl(), query);
             org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(
                             EventRecords.producerProperties(kafka.bootstrapServers(), "it-flood"))) {
            stalled.stall();
            URI source = URI.create("/openfactory/it/flood");
            Instant base = Instant.now();
            long started = System.nanoTime();
            for (int i = 0; i < total; i++) {
                SampleObserved sample = new SampleObserved("flood-1", "temperature",
                        org.openfactory.model.value.Category.SAMPLE, new Value.Number(i), "CELSIUS",
                        base.plusMillis(i));
                producer.send(EventRecords.record(Topics.SAMPLES, "flood-1",
                        EventCodecs.SAMPLE.encode(EventCodecs.SAMPLE.envelope(source, sample, Instant.now()))));
                if (i % 300 == 299) { // 3,000 changes per second: a rate a reading client keeps up with
                    long due = started + (i + 1) * 1_000_000_000L / 3_000;
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                }
            }
            producer.flush();
            // ~18 MB for each subscriber: far beyond the socket buffers of the one that stopped reading
            double last = -1;
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (last < total - 1 && System.nanoTime() < deadline) {
                JsonNode message = reader.next(Duration.ofSeconds(5));
                assertNotNull(message, "the reading subscriber stalled after " + received + " changes");
                assertEquals("next", message.get("type").asText(), message.toString());
                double value = message.at("/payload/data/dataItemChanged/number").asDouble();
                // order is what matters here; a repeated change was seen once under heavy machine load (see the note)
                assertTrue(value >= last, "out of order: " + value + " after " + last);
                last = value;
                received++;
            }
            assertEquals(total - 1, (int) last, "the reading subscriber did not get the last change");
        }
        assertEquals("tc-1", graphql.query("{ asset(id: \"tc-1\") { id } }").at("/data/asset/id").asText());
    }

    @Test
    void theHistoryOfADataItemComesFromTheHistorianPageByPage() throws Exception {
        Instant from = Instant.now().minus(Duration.ofHours(1));
        Instant to = Instant.now().plus(Duration.ofHours(1));
        String page = "{ history(assetId: \"tc-1\", dataItemId: \"temperature\", from: \"" + from + "\", to: \""
                + to + "\", first: 3%s) { source edges { cursor node { id number timestamp } } "
                + "pageInfo { hasNextPage endCursor } } }";
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode first = null;
        while (System.nanoTime() < deadline) {
            first = graphql.query(String.format(page, "")).at("/data/history");
            if ("HISTORIAN".equals(first.path("source").asText()) && first.at("/pageInfo/hasNextPage").asBoolean()) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals("HISTORIAN", first.path("source").asText(), String.valueOf(first));
        assertEquals(3, first.get("edges").size(), first.toString());
        JsonNode second = graphql.query(String.format(page, ", after: \""
                + first.at("/pageInfo/endCursor").asText() + "\"")).at("/data/history");
        List<Instant> times = new java.util.ArrayList<>();
        for (JsonNode edges : List.of(first.get("edges"), second.get("edges"))) {
            for (JsonNode edge : edges) {
                assertEquals("temperature", edge.at("/node/id").asText());
                times.add(Instant.parse(edge.at("/node/timestamp").asText()));
            }
        }
        assertEquals(6, times.size(), second.toString());
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i).isAfter(times.get(i - 1)), "not in device-time order: " + times);
        }
        JsonNode badCursor = graphql.query("{ history(assetId: \"tc-1\", dataItemId: \"temperature\", from: \""
                + from + "\", to: \"" + to + "\", after: \"nope\") { source } }");
        assertEquals("BAD_REQUEST", badCursor.at("/errors/0/extensions/code").asText(), badCursor.toString());
        JsonNode unknownItem = graphql.query("{ history(assetId: \"tc-1\", dataItemId: \"pressure\", from: \""
                + from + "\", to: \"" + to + "\") { source } }");
        assertEquals("NOT_FOUND", unknownItem.at("/errors/0/extensions/code").asText(), unknownItem.toString());
    }

    @Test
    void anUnknownAssetIsANotFoundErrorAndTheServerKeepsServing() throws Exception {
        JsonNode response = graphql.query("{ asset(id: \"no-such-asset\") { id } }");
        JsonNode error = response.at("/errors/0");
        assertEquals("Unknown asset 'no-such-asset'", error.get("message").asText(), response.toString());
        assertEquals("NOT_FOUND", error.at("/extensions/code").asText(), response.toString());

        try (GraphQLSubscription subscription = GraphQLSubscription.open(liberty.baseUrl(),
                "subscription { dataItemChanged(filter: {assetId: \"no-such-asset\"}) { id } }")) {
            JsonNode message = subscription.next(WAIT);
            assertNotNull(message);
            assertEquals("error", message.get("type").asText(), message.toString());
            assertTrue(message.toString().contains("Unknown asset 'no-such-asset'"), message.toString());
        }
        assertEquals("tc-1", graphql.query("{ asset(id: \"tc-1\") { id } }").at("/data/asset/id").asText());
    }

    @Test
    void malformedRequestsGetClearErrorsAndTheServerKeepsServing() throws Exception {
        JsonNode syntax = graphql.query("{ asset(id: \"tc-1\") {\n dataItems { id }");
        assertEquals(400, syntax.get("httpStatus").asInt(), syntax.toString());
        assertTrue(syntax.at("/errors/0/message").asText().contains("Invalid syntax"), syntax.toString());
        assertEquals(2, syntax.at("/errors/0/locations/0/line").asInt(), syntax.toString());
        assertEquals("BAD_REQUEST", syntax.at("/errors/0/extensions/code").asText(), syntax.toString());

        JsonNode unknownField = graphql.query("{ asset(id: \"tc-1\") { colour } }");
        assertTrue(unknownField.at("/errors/0/message").asText().contains("colour"), unknownField.toString());

        JsonNode notJson = graphql.post("{\"query\": ");
        assertEquals(400, notJson.get("httpStatus").asInt(), notJson.toString());
        assertTrue(notJson.at("/errors/0/message").asText().startsWith("The request body is not valid JSON"),
                notJson.toString());

        assertEquals("tc-1", graphql.query("{ asset(id: \"tc-1\") { id } }").at("/data/asset/id").asText());
    }

    @Test
    void libertyLogsNameTheAssetAndShowNoLoggingSetupWarnings() throws Exception {
        Path messages = liberty.outputDir().resolve("openfactory/logs/messages.log");
        long deadline = System.nanoTime() + WAIT.toNanos();
        String log = "";
        while (System.nanoTime() < deadline && !log.contains("Asset tc-1: OPC UA connector started")) {
            log = Files.exists(messages) ? Files.readString(messages) : "";
            Thread.sleep(250);
        }
        assertTrue(log.contains("Asset tc-1: OPC UA connector started for " + device.endpointUrl()), log);
        assertTrue(log.contains("Rebuilt from openfactory.samples"), log);
        assertTrue(log.contains("Rebuilt from openfactory.registry"), log);
        String console = Files.readString(liberty.outputDir().resolve("console.log"));
        for (String text : List.of(log, console)) {
            assertFalse(text.contains("SLF4J(W)") || text.contains("SLF4J: "), "SLF4J warning in Liberty's output");
        }
    }

    @Test
    void eventsOnTheLogFollowTheEnvelope() throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                EventRecords.replayConsumerProperties(kafka.bootstrapServers(), "it-" + UUID.randomUUID()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SAMPLES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            assertEquals(Topics.DEFAULT_PARTITIONS, partitions.size());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!"tc-1".equals(record.key())) {
                        continue; // another test's asset
                    }
                    assertEquals("application/cloudevents+json; charset=UTF-8",
                            new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
                    Envelope<SampleObserved> event = EventCodecs.SAMPLE.decode(record.value());
                    assertEquals("org.openfactory.sample.v1", event.type());
                    assertEquals("tc-1/" + event.payload().dataItemId(), event.subject());
                    assertTrue(event.source().toString().contains("opcua"), event.source().toString());
                    assertFalse(event.ingestedAt().isBefore(event.time().minusSeconds(5)));
                    if (event.payload().dataItemId().equals("heater")) {
                        assertTrue(event.payload().value() instanceof Value.Bool, event.toString());
                        return;
                    }
                }
            }
            fail("no heater event found on " + Topics.SAMPLES);
        }
    }

    @Test
    void anAssetAppliedWhileRunningIsServedAndARetiredOneStops() throws Exception {
        try (TemperatureControllerServer second = new TemperatureControllerServer("127.0.0.1", freePort())) {
            second.start();
            second.setSetpoint(42.5);
            writeAsset("tc-2", second);
            applyAssets();
            JsonNode setpoint = awaitDataItem("tc-2", "setpoint", item -> item.get("number").asDouble() == 42.5);
            assertEquals("tc-2", setpoint.get("assetId").asText());

            JsonNode page1 = graphql.query("{ assets(unsPrefix: \"acme/plant1\", first: 1) { totalCount "
                    + "edges { cursor node { id uuid revision } } pageInfo { hasNextPage endCursor } } }");
            assertEquals(2, page1.at("/data/assets/totalCount").asInt(), page1.toString());
            assertEquals("tc-1", page1.at("/data/assets/edges/0/node/id").asText(), page1.toString());
            assertTrue(page1.at("/data/assets/pageInfo/hasNextPage").asBoolean(), page1.toString());
            JsonNode page2 = graphql.query("{ assets(unsPrefix: \"acme/plant1\", first: 1, after: \""
                    + page1.at("/data/assets/pageInfo/endCursor").asText() + "\") { edges { node { id } } "
                    + "pageInfo { hasNextPage } } }");
            assertEquals("tc-2", page2.at("/data/assets/edges/0/node/id").asText(), page2.toString());
            assertFalse(page2.at("/data/assets/pageInfo/hasNextPage").asBoolean(), page2.toString());

            JsonNode cell = graphql.query("{ uns(path: \"acme/plant1/utilities/line1/cell1\") { path "
                    + "children { name assetId asset { unsPath } } } }");
            assertEquals(List.of("tc-1", "tc-2"), List.of(cell.at("/data/uns/children/0/name").asText(),
                    cell.at("/data/uns/children/1/name").asText()), cell.toString());
            assertEquals("acme/plant1/utilities/line1/cell1/tc-2",
                    cell.at("/data/uns/children/1/asset/unsPath").asText(), cell.toString());

            registry().append(List.of(new AssetRetired("tc-2", "acme/plant1/utilities/line1/cell1/tc-2", "test")),
                    WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonNode gone = null;
            while (System.nanoTime() < deadline) {
                gone = graphql.query("{ asset(id: \"tc-2\") { id } }");
                if ("NOT_FOUND".equals(gone.at("/errors/0/extensions/code").asText())) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals("NOT_FOUND", gone.at("/errors/0/extensions/code").asText(), String.valueOf(gone));
            Files.delete(assets.resolve("tc-2.yaml"));
        }
    }

    @Test
    void theStateOfAnAssetAtAGivenTimeComesFromTheLog() throws Exception {
        awaitDataItem("temperature", item -> !item.path("value").isNull());
        Instant now = Instant.now();
        JsonNode state = graphql.query("{ assetStateAt(id: \"tc-1\", time: \"" + now + "\") { assetId at "
                + "recordsScanned dataItems { id value timestamp } } }");
        JsonNode items = state.at("/data/assetStateAt/dataItems");
        JsonNode temperature = findItem(items, "temperature");
        assertNotNull(temperature, state.toString());
        assertFalse(Instant.parse(temperature.get("timestamp").asText()).isAfter(now), state.toString());
        assertTrue(state.at("/data/assetStateAt/recordsScanned").asLong() > 0, state.toString());

        JsonNode before = graphql.query("{ assetStateAt(id: \"tc-1\", time: \"2000-01-01T00:00:00Z\") "
                + "{ dataItems { id } } }");
        assertEquals(0, before.at("/data/assetStateAt/dataItems").size(), before.toString());

        JsonNode unknown = graphql.query("{ assetStateAt(id: \"nope\", time: \"" + now + "\") { assetId } }");
        assertEquals("NOT_FOUND", unknown.at("/errors/0/extensions/code").asText(), unknown.toString());

        JsonNode badPage = graphql.query("{ assets(first: 100000) { totalCount } }");
        assertEquals("BAD_REQUEST", badPage.at("/errors/0/extensions/code").asText(), badPage.toString());
    }

    private static void writeAsset(String id, TemperatureControllerServer server) throws IOException {
        String example = Files.readString(Path.of("../examples/assets/tc-1.yaml"));
        Files.writeString(assets.resolve(id + ".yaml"), example
                .replace("opc.tcp://127.0.0.1:4840/openfactory", server.endpointUrl())
                .replace("id: tc-1\n", "id: " + id + "\n")
                .replace("cell1/tc-1", "cell1/" + id));
    }

    /** As {@code openfactory assets apply} does. */
    private static void applyAssets() {
        registry().apply(AssetFileLoader.withDefaults().readFolderLocated(assets), false, WAIT);
    }

    private static RegistryClient registry() {
        return new RegistryClient(kafka.bootstrapServers(), URI.create("/openfactory/it"), Clock.systemUTC(),
                TopicLayout.singleBroker());
    }

    private static JsonNode awaitDataItem(String id, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        return awaitDataItem("tc-1", id, condition);
    }

    private static JsonNode awaitDataItem(String assetId, String id, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = graphql.query("{ asset(id: \"" + assetId + "\") { id unsPath type dataItems { assetId id "
                    + "category valueType units value number bool timestamp ingestedAt } } }");
            JsonNode item = findItem(last.at("/data/asset/dataItems"), id);
            if (item != null && condition.test(item)) {
                return item;
            }
            Thread.sleep(250);
        }
        fail("data item " + assetId + "/" + id + " never met the condition; last answer " + last);
        return null;
    }

    private static JsonNode findItem(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
