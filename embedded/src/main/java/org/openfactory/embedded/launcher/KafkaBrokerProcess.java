package org.openfactory.embedded.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openfactory.embedded.kafka.KafkaBrokerMain;

/** The local Kafka broker in its own JVM, with its output in a log file. */
final class KafkaBrokerProcess implements AutoCloseable {

    private final Process process;

    private KafkaBrokerProcess(Process process) {
        this.process = process;
    }

    static KafkaBrokerProcess start(Path dataDir, int port, Path logFile, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logFile.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(), "--data-dir", dataDir.toString(), "--port", Integer.toString(port),
                "--controller-port", Integer.toString(port + 1));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, logFile, ready), "kafka-output");
        pump.setDaemon(true);
        pump.start();
        KafkaBrokerProcess broker = new KafkaBrokerProcess(process);
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            broker.close();
            throw new IOException("Kafka broker did not start on port " + port + " within " + timeout.toSeconds()
                    + " s; see " + logFile, e);
        }
        return broker;
    }

    private static void pump(Process process, Path logFile, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                if (line.startsWith(KafkaBrokerMain.READY_PREFIX)) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IOException("Kafka broker exited with " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    /** SIGTERM, so the broker shuts down cleanly and its data stays consistent. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
