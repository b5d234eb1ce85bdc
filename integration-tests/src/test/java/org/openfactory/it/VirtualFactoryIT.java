package org.openfactory.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.embedded.liberty.LibertyServer;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.log.RegistryClient;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.simulator.VirtualFactory;

/**
 * The whole virtual factory of examples/assets behind the assembled server: every protocol's connector in Liberty,
 * fed by the real simulated devices, read and commanded through GraphQL. Each device listens on a free port; the
 * example files are applied with their addresses changed to match, and nothing else.
 */
class VirtualFactoryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path LIBERTY_OUTPUT = Path.of("target", "liberty-factory-it-" + System.currentTimeMillis());
    private static final Path EXAMPLES = Path.of("..", "examples", "assets");

    @TempDir
    static Path work;

    static KafkaBroker kafka;
    static VirtualFactory factory;
    static LibertyServer liberty;
    static GraphQLClient graphql;

    @BeforeAll
    static void startPlatform() throws Exception {
        kafka = KafkaBroker.startOnFreePorts(work.resolve("kafka"));
        VirtualFactory.Addresses addresses = new VirtualFactory.Addresses("127.0.0.1", freePort(), freePort(),
                freePort(), "tcp://127.0.0.1:1883", work.resolve("opcua-pki"));
        factory = VirtualFactory.start(addresses, null);
        Path assets = Files.createDirectories(work.resolve("assets"));
        Map<String, String> moved = Map.of(
                "opc.tcp://127.0.0.1:4840/", "opc.tcp://127.0.0.1:" + addresses.opcuaPort() + "/",
                "http://127.0.0.1:5000", "http://127.0.0.1:" + addresses.mtconnectPort(),
                "port: 5020", "port: " + addresses.modbusPort());
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                for (Map.Entry<String, String> address : moved.entrySet()) {
                    text = text.replace(address.getKey(), address.getValue());
                }
                Files.writeString(assets.resolve(file.getFileName()), text);
            }
        }
        new RegistryClient(kafka.bootstrapServers(), java.net.URI.create("/openfactory/it/factory"),
                java.time.Clock.systemUTC(), TopicLayout.singleBroker())
                .apply(AssetFileLoader.withDefaults().readFolderLocated(assets), false, WAIT);
        liberty = LibertyServer.start(Path.of(System.getProperty("openfactory.wlp.dir")), "openfactory",
                LIBERTY_OUTPUT, freePort(), Map.of("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Duration.ofMinutes(3));
        graphql = new GraphQLClient(liberty.baseUrl());
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (liberty != null) {
            liberty.close();
        }
        if (factory != null) {
            factory.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyExampleAssetIsAvailableAndEveryDataItemHasBeenObserved() throws Exception {
        List<String> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            files.filter(f -> f.toString().endsWith(".yaml"))
                    .forEach(f -> expected.add(f.getFileName().toString().replace(".yaml", "")));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, List<String>> missing = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            JsonNode page = graphql.query("{ assets(first: 100) { edges { node { id availability "
                    + "dataItems { id category timestamp } } } } }");
            missing.clear();
            for (String assetId : expected) {
                missing.put(assetId, List.of("not served"));
            }
            for (JsonNode edge : page.at("/data/assets/edges")) {
                JsonNode asset = edge.get("node");
                List<String> lacking = new ArrayList<>();
                if (!"AVAILABLE".equals(asset.path("availability").asText())) {
                    lacking.add("availability " + asset.path("availability").asText());
                }
                for (JsonNode item : asset.get("dataItems")) {
                    if (!"METHOD".equals(item.get("category").asText()) && item.get("timestamp").isNull()) {
                        lacking.add(item.get("id").asText());
                    }
                }
                if (lacking.isEmpty()) {
                    missing.remove(asset.get("id").asText());
                } else {
                    missing.put(asset.get("id").asText(), lacking);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        fail("not every example asset is available with all its data items observed: " + missing);
    }

    @Test
    void anMqttDeviceIsCommandedThroughGraphQLAndReportsItsNewState() throws Exception {
        boolean relay = !currentBool("meter-1", "relay");
        List<JsonNode> results = command("meter-1", "relay", "{bool: " + relay + "}");
        assertEquals("COMPLETED", results.get(results.size() - 1).get("status").asText(), results.toString());
        awaitBool("meter-1", "relay", relay);
    }

    @Test
    void aModbusSetpointIsWrittenThroughGraphQLAndPolledBack() throws Exception {
        double speed = 1000 + (System.nanoTime() % 500);
        List<JsonNode> results = command("pump-1", "speedSetpoint", "{number: " + speed + "}");
        assertEquals("COMPLETED", results.get(results.size() - 1).get("status").asText(), results.toString());
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode item = null;
        while (System.nanoTime() < deadline) {
            item = item("pump-1", "speedSetpoint");
            if (item != null && item.get("number").isNumber() && Math.abs(item.get("number").asDouble() - speed) < 0.01) {
                return;
            }
            Thread.sleep(250);
        }
        fail("pump-1/speedSetpoint did not become " + speed + "; last " + item);
    }

    @Test
    void anMtConnectItemIsReadOnly() throws Exception {
        List<JsonNode> results = command("vmc-1", "partCount", "{integer: 0}");
        assertEquals(1, results.size(), results.toString());
        assertEquals("READ_ONLY", results.get(0).get("failureCode").asText(), results.toString());
    }

    @Test
    void theConnectorsHealthCheckListsEveryLink() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(liberty.baseUrl() + "/health/ready"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode checks = GraphQLClient.JSON.readTree(response.body()).get("checks");
        JsonNode connectors = null;
        for (JsonNode check : checks) {
            if ("connectors".equals(check.get("name").asText())) {
                connectors = check;
            }
        }
        assertTrue(connectors != null, response.body());
        assertEquals("UP", connectors.get("status").asText(), response.body());
        assertTrue(connectors.at("/data/vmc-1").isTextual(), response.body());
    }

    private static List<JsonNode> command(String assetId, String target, String argument) throws Exception {
        JsonNode receipt = graphql.query("mutation { sendCommand(command: {assetId: \"" + assetId + "\", target: \""
                + target + "\", arguments: [" + argument + "]}) { correlationId } }");
        String correlationId = receipt.at("/data/sendCommand/correlationId").asText();
        assertTrue(!correlationId.isEmpty(), receipt.toString());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode command = graphql.query("{ command(correlationId: \"" + correlationId + "\") { status "
                    + "results { status failureCode reason outputs { value } } } }").at("/data/command");
            String status = command.path("status").asText();
            if (List.of("COMPLETED", "FAILED", "EXPIRED").contains(status)) {
                List<JsonNode> results = new ArrayList<>();
                command.get("results").forEach(results::add);
                return results;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("command " + correlationId + " for " + assetId + "/" + target + " did not end");
    }

    private static boolean currentBool(String assetId, String itemId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode item = item(assetId, itemId);
            if (item != null && item.get("bool").isBoolean()) {
                return item.get("bool").asBoolean();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(assetId + "/" + itemId + " never had a value");
    }

    private static void awaitBool(String assetId, String itemId, boolean expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode item = null;
        while (System.nanoTime() < deadline) {
            item = item(assetId, itemId);
            if (item != null && item.get("bool").isBoolean() && item.get("bool").asBoolean() == expected) {
                return;
            }
            Thread.sleep(250);
        }
        fail(assetId + "/" + itemId + " did not become " + expected + "; last " + item);
    }

    private static JsonNode item(String assetId, String itemId) throws Exception {
        JsonNode items = graphql.query("{ asset(id: \"" + assetId + "\") { dataItems { id value number bool } } }")
                .at("/data/asset/dataItems");
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(itemId)) {
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
