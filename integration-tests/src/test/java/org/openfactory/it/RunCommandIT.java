package org.openfactory.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command's launcher, started as bin/openfactory starts it: everything comes up, serves the virtual
 * factory's data, and Ctrl-C (SIGINT) stops everything it started.
 */
class RunCommandIT {

    private static final int OPCUA_PORT = 4840;
    private static final int MTCONNECT_PORT = 5000;
    private static final int MODBUS_PORT = 5020;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void startsServesAndStopsEverythingOnCtrlC() throws Exception {
        int kafkaPort = freePort();
        int httpPort = freePort();
        Path root = Path.of("..").toAbsolutePath().normalize();
        String classpath = Files.readString(root.resolve("embedded/target/classpath.txt")).trim()
                + ":" + root.resolve("embedded/target/classes");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "org.openfactory.embedded.launcher.Launcher",
                "--data-dir", dataDir.toString(), "--kafka-port", Integer.toString(kafkaPort),
                "--http-port", Integer.toString(httpPort), "--wlp", System.getProperty("openfactory.wlp.dir"),
                "--assets", root.resolve("examples/assets").toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        List<ProcessHandle> started = new ArrayList<>();
        CompletableFuture<Void> running = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(launcher, output, running));
        reader.setDaemon(true);
        reader.start();
        try {
            running.get(4, TimeUnit.MINUTES);
            String printed = String.join("\n", output);
            assertTrue(printed.contains("GraphQL endpoint       http://127.0.0.1:" + httpPort + "/graphql"), printed);
            assertTrue(printed.contains("graphql/schema.graphql"), printed);
            assertTrue(printed.contains("/graphql-ui/"), printed);
            // HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade of a GET got no answer from Liberty
            HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/graphql-ui/"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("graphiql.min.js"), page.body());

            GraphQLClient graphql = new GraphQLClient("http://127.0.0.1:" + httpPort);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            JsonNode answer = null;
            while (System.nanoTime() < deadline) {
                answer = graphql.query("{ asset(id: \"tc-1\") { dataItems { id value } } }");
                if (answer.at("/data/asset/dataItems/0/id").asText().equals("temperature")
                        && !answer.at("/data/asset/dataItems/0/value").isNull()) {
                    break;
                }
                Thread.sleep(250);
            }
            assertFalse(answer.at("/data/asset/dataItems/0/value").isNull(), String.valueOf(answer));
            // every example asset is served by the run command (each protocol's device is started)
            JsonNode assets = graphql.query("{ assets(first: 50) { edges { node { id } } } }");
            List<String> ids = new java.util.ArrayList<>();
            assets.at("/data/assets/edges").forEach(edge -> ids.add(edge.at("/node/id").asText()));
            assertEquals(List.of("env-1", "meter-1", "pump-1", "tc-1", "vmc-1"), ids, assets.toString());
        } finally {
            started.addAll(launcher.descendants().toList());
            // Ctrl-C runs the same shutdown hook as SIGTERM; SIGINT itself may be ignored by a process started
            // from a non-interactive shell (as CI is), so the test sends SIGTERM
            launcher.toHandle().destroy(); // Process.destroy() would also close the pipe we read
            boolean exited = launcher.waitFor(2, TimeUnit.MINUTES);
            if (!exited) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
                fail("the launcher did not stop within 2 minutes of SIGTERM");
            }
            for (ProcessHandle child : started) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(child.isAlive(), "still running after Ctrl-C: " + child.info().command());
            }
        }
        assertTrue(started.size() >= 2, "Kafka and Liberty run as child processes: " + started);
        for (int port : List.of(kafkaPort, kafkaPort + 1, httpPort, OPCUA_PORT, MODBUS_PORT, MTCONNECT_PORT)) {
            assertTrue(isFree(port), "port " + port + " still listening after Ctrl-C");
        }
        reader.join(10_000); // the last lines may still be in the pipe
        assertTrue(String.join("\n", output).contains("OpenFactory stopped"), String.join("\n", output));
        assertTrue(Files.isDirectory(dataDir.resolve("kafka")), "Kafka data is kept in the data folder");
    }

    private static void read(Process process, List<String> output, CompletableFuture<Void> running) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith("Try: curl")) {
                    running.complete(null);
                }
            }
            running.completeExceptionally(new IllegalStateException("launcher exited: " + output));
        } catch (IOException e) {
            running.completeExceptionally(e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
