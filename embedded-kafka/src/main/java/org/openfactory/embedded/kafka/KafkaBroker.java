package org.openfactory.embedded.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running in this JVM.
 *
 * <p>The storage is formatted on first use only, so a broker started again on the same data directory
 * finds the topics and records written before. {@link #close()} shuts the broker down cleanly and waits.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.startOnFreePorts(dir)) {
 *     String bootstrap = kafka.bootstrapServers();   // 127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

    /** How long {@code start} waits for the broker to answer an Admin {@code describeCluster}. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final KafkaRaftServer server;
    private boolean closed;

    private KafkaBroker(Path dataDir, int port, int controllerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.server = server;
    }

    /** Starts on {@code port} (clients) and a free controller port, and waits until it is ready. */
    public static KafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /** Starts on {@code port} (clients) and a free controller port with extra broker properties. */
    public static KafkaBroker start(Path dataDir, int port, Map<String, ?> extraProperties) {
        return start(dataDir, port, freePort(), extraProperties, DEFAULT_READY_TIMEOUT);
    }

    /** Starts on free client and controller ports, and waits until it is ready. */
    public static KafkaBroker startOnFreePorts(Path dataDir) {
        return startOnFreePorts(dataDir, Map.of());
    }

    /**
     * Starts on free client and controller ports with extra broker properties. A port taken by someone
     * else between choosing it and binding it is retried with other ports.
     */
    public static KafkaBroker startOnFreePorts(Path dataDir, Map<String, ?> extraProperties) {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            int controllerPort = freePort();
            while (controllerPort == port) {
                controllerPort = freePort();
            }
            try {
                return start(dataDir, port, controllerPort, extraProperties, DEFAULT_READY_TIMEOUT);
            } catch (KafkaBrokerStartException e) {
                if (attempt >= FREE_PORT_ATTEMPTS || !causedBy(e, BindException.class)) {
                    throw e;
                }
                LOG.warn("Port {} or {} was taken meanwhile, retrying on other ports", port, controllerPort);
            }
        }
    }

    /**
     * Formats the storage under {@code dataDir} if it is not formatted yet, starts the broker and waits
     * (at most {@code readyTimeout}) until it answers an Admin {@code describeCluster}.
     *
     * @throws KafkaBrokerStartException if the broker cannot start or does not get ready in time
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Map<String, ?> extraProperties,
                                    Duration readyTimeout) {
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Path dir = dataDir.toAbsolutePath().normalize();
        Properties props = KraftConfig.brokerProperties(dir, port, controllerPort, extraProperties);
        long t0 = System.nanoTime();
        KafkaRaftServer server = null;
        long tFormat = t0;
        long tStartup = t0;
        String phases = "";
        try {
            // new KafkaConfig(props, false) is what KafkaConfig.fromProps(props, false) does; fromProps cannot be
            // compiled against here because kafka-server-common (its superclass) is only a runtime dependency.
            KafkaConfig config = new KafkaConfig(props, false);
            boolean formatted = KraftStorage.formatIfNeeded(props);
            tFormat = System.nanoTime();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            tStartup = System.nanoTime();
            awaitReady(port, readyTimeout, t0);
            phases = (formatted ? "format " : "config ") + millis(tFormat - t0) + " ms, startup "
                    + millis(tStartup - tFormat) + " ms, ready check " + millis(System.nanoTime() - tStartup) + " ms";
        } catch (Throwable e) {
            if (server != null) {
                shutdownQuietly(server);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            throw new KafkaBrokerStartException("Kafka broker on " + KraftConfig.bootstrapServers(port)
                    + " (controller port " + controllerPort + ", data " + dir + ") did not start: " + describe(e), e);
        }
        LOG.info("Kafka broker ready on {} in {} ms ({}; data {})", KraftConfig.bootstrapServers(port),
                millis(System.nanoTime() - t0), phases, dir);
        return new KafkaBroker(dir, port, controllerPort, server);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return KraftConfig.bootstrapServers(port);
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down (controlled shutdown, logs flushed) and waits until it has stopped. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker on {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Blocks until the broker has shut down, by {@link #close()} from another thread or by itself. */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(KraftConfig.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + KraftConfig.HOST, e);
        }
    }

    private static void awaitReady(int port, Duration timeout, long startNanos) throws Exception {
        long deadline = startNanos + timeout.toNanos();
        Properties adminProps = new Properties();
        adminProps.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KraftConfig.bootstrapServers(port));
        adminProps.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "openfactory-kafka-ready-check");
        adminProps.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        adminProps.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        adminProps.setProperty(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        adminProps.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        adminProps.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        Throwable last = null;
        try (Admin admin = Admin.create(adminProps)) {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no answer to describeCluster within " + timeout.toMillis()
                            + " ms" + (last == null ? "" : "; last error: " + describe(last)), last);
                }
                int callTimeout = (int) Math.max(100, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 3000));
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(callTimeout))
                            .nodes().get(callTimeout + 1000L, TimeUnit.MILLISECONDS);
                    if (nodes.stream().anyMatch(n -> n.id() == KraftConfig.NODE_ID)) {
                        return;
                    }
                    last = new IllegalStateException("broker " + KraftConfig.NODE_ID + " not yet unfenced, nodes " + nodes);
                } catch (ExecutionException e) {
                    last = e.getCause();
                } catch (java.util.concurrent.TimeoutException e) {
                    last = e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (Throwable t) {
            LOG.warn("Shutting down the Kafka broker that failed to start failed too", t);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 1000; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    /** The broker could not be started or did not get ready in time; the message names the port and the cause. */
    public static final class KafkaBrokerStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KafkaBrokerStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
