package org.openfactory.simulator.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker of our own, as a child process on a given or free port of 127.0.0.1, without persistence: a
 * {@link #kill()} loses every session, as a crashed broker does; {@link #start()} brings it back on the same port.
 * Needs the {@code mosquitto} executable on the PATH.
 *
 * <p>{@link #sharedUrl()} is the machine's broker on 127.0.0.1:1883 when it runs, else one started for this JVM.
 */
public final class MosquittoBroker implements AutoCloseable {

    public static final int DEFAULT_PORT = 1883;
    private static final Duration READY = Duration.ofSeconds(10);
    private static volatile String shared;

    private final int port;
    private final Path config;
    private final Path log;
    private Process process; // guarded by this

    public MosquittoBroker(int port) throws IOException {
        this.port = port;
        Path dir = Files.createTempDirectory("mosquitto-" + port + "-");
        dir.toFile().deleteOnExit();
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        config.toFile().deleteOnExit();
        log.toFile().deleteOnExit();
    }

    /** A broker on a port that is free now. */
    public static MosquittoBroker onFreePort() throws IOException {
        return new MosquittoBroker(freePort());
    }

    /** The URL of a broker every test of this JVM may share (with topics of its own). */
    public static synchronized String sharedUrl() throws IOException {
        if (shared == null) {
            if (accepts(DEFAULT_PORT)) {
                shared = "tcp://127.0.0.1:" + DEFAULT_PORT;
            } else {
                MosquittoBroker broker = onFreePort();
                broker.start();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "mosquitto-stop"));
                shared = broker.url();
            }
        }
        return shared;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the broker and waits until it accepts connections. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder("mosquitto", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + READY.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto on port " + port + " exited with " + process.exitValue() + "; see "
                        + log);
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IOException("mosquitto on port " + port + " not ready within " + READY + "; see " + log);
            }
            sleep(20);
        }
    }

    /** Kills the broker at once (SIGKILL), as a crash would; its sessions are gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
