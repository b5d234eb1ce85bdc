package org.openfactory.embedded.liberty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an assembled Liberty server ({@code wlp/bin/server run}) as a child process, with its logs and work area in
 * an output folder of the caller's, so several runs never share state. Variables of server.xml are passed as
 * environment variables.
 */
public final class LibertyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibertyServer.class);

    private final Process process;
    private final String baseUrl;
    private final Path outputDir;
    private final String serverName;

    private LibertyServer(Process process, String baseUrl, Path outputDir, String serverName) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.outputDir = outputDir;
        this.serverName = serverName;
    }

    /**
     * Starts the server and returns once {@code /health/ready} answers 200.
     *
     * @param variables server.xml variables, e.g. {@code kafka.bootstrap.servers}; passed as environment
     *                  variables in upper case with dots as underscores
     */
    public static LibertyServer start(Path wlpDir, String serverName, Path outputDir, int httpPort,
                                      Map<String, String> variables, Duration timeout)
            throws IOException, InterruptedException {
        Path script = wlpDir.resolve("bin/server");
        if (!Files.isExecutable(script)) {
            throw new IOException("No Liberty runtime at " + wlpDir + " (build it with: mvn -DskipTests install)");
        }
        Files.createDirectories(outputDir);
        Map<String, String> env = new HashMap<>();
        env.put("WLP_OUTPUT_DIR", outputDir.toAbsolutePath().toString());
        env.put("HTTP_PORT", Integer.toString(httpPort));
        variables.forEach((name, value) -> env.put(envName(name), value));
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "run", serverName)
                .redirectErrorStream(true)
                .redirectOutput(outputDir.resolve("console.log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        LibertyServer server = new LibertyServer(process, "http://127.0.0.1:" + httpPort, outputDir, serverName);
        LOG.info("Starting Liberty server {} on port {} (logs in {})", serverName, httpPort, outputDir);
        try {
            server.awaitReady(timeout);
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** {@code kafka.bootstrap.servers} becomes {@code KAFKA_BOOTSTRAP_SERVERS}, as Liberty and MP Config map it. */
    static String envName(String variable) {
        return variable.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Liberty server " + serverName + " exited with " + process.exitValue()
                        + " during start; see " + outputDir.resolve("console.log"));
            }
            String failure = applicationFailure();
            if (failure != null) {
                throw new IOException("The application did not start in Liberty server " + serverName + ": " + failure
                        + " (see " + outputDir.resolve(serverName + "/logs/messages.log") + ")");
            }
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IOException("Liberty server " + serverName + " not ready within " + timeout.toSeconds()
                + " s (last answer: " + last + "); see " + outputDir.resolve(serverName + "/logs/messages.log"));
    }

    /** Liberty's own message when an application fails to start (CWWKZ0002E), or null. */
    private String applicationFailure() throws IOException {
        Path messages = outputDir.resolve(serverName + "/logs/messages.log");
        if (!Files.exists(messages)) {
            return null;
        }
        try (var lines = Files.lines(messages)) {
            return lines.filter(l -> l.contains("CWWKZ0002E")).findFirst()
                    .map(l -> l.substring(l.indexOf("CWWKZ0002E"))).orElse(null);
        } catch (java.io.UncheckedIOException e) {
            return null; // being written; read it at the next poll
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The process started for the server (the {@code server run} script or the JVM it became) and its children. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public Path outputDir() {
        return outputDir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server gracefully (SIGTERM), and forcibly after 60 s, with every process it started. */
    @Override
    public void close() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        var children = handle.descendants().toList();
        handle.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            LOG.warn("Liberty server {} did not stop within 60 s; killing it", serverName);
            handle.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> {
                child.destroyForcibly();
                return child;
            }).join();
        }
    }
}
