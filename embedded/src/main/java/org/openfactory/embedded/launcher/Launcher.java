package org.openfactory.embedded.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.openfactory.embedded.liberty.LibertyServer;
import org.openfactory.embedded.logging.ConsoleLogging;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.log.RegistryClient;
import org.openfactory.registry.plan.RegistryPlan;
import org.openfactory.simulator.SimulatorMain;
import org.openfactory.simulator.VirtualFactory;
import org.openfactory.simulator.mqtt.MosquittoBroker;
import org.openfactory.simulator.mqtt.MqttDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run command: starts the embedded default — a local Kafka broker (own JVM), the virtual factory and the
 * Liberty server with the platform — prints where to reach it, and stops all of it on Ctrl-C.
 */
public final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    /** The virtual factory's devices, where examples/assets expects them. */
    static final VirtualFactory.Addresses DEVICES = VirtualFactory.Addresses.examples();

    private final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();

    public static void main(String[] args) throws Exception {
        ConsoleLogging.configure();
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LauncherOptions.USAGE);
            System.exit(2);
            return;
        }
        Launcher launcher = new Launcher();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.stopAll();
            stopped.countDown();
        }, "openfactory-stop"));
        try {
            launcher.run(options);
        } catch (Exception e) {
            LOG.error("OpenFactory did not start: {}", e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void run(LauncherOptions options) throws Exception {
        requireFree(options.kafkaPort(), "Kafka (--kafka-port)");
        requireFree(options.kafkaPort() + 1, "the Kafka controller (--kafka-port + 1)");
        requireFree(options.httpPort(), "Liberty HTTP (--http-port)");
        requireFree(DEVICES.opcuaPort(), "the virtual factory's OPC UA server");
        requireFree(DEVICES.modbusPort(), "the virtual factory's Modbus pump");
        requireFree(DEVICES.mtconnectPort(), "the virtual factory's MTConnect agent");

        LOG.info("Starting Kafka on 127.0.0.1:{} (data in {})", options.kafkaPort(),
                options.dataDir().resolve("kafka"));
        started.push(KafkaBrokerProcess.start(options.dataDir().resolve("kafka"), options.kafkaPort(),
                options.dataDir().resolve("logs/kafka.log"), Duration.ofSeconds(60)));
        String bootstrap = "127.0.0.1:" + options.kafkaPort();

        applyAssets(options.assetsDir(), bootstrap);

        startMqttBrokerIfNone();
        VirtualFactory factory = VirtualFactory.start(DEVICES, System.getenv(SimulatorMain.OPERATOR_PASSWORD_ENV));
        started.push(factory);
        factory.description().forEach(line -> LOG.info("Virtual factory: {}", line));

        LOG.info("Starting Liberty (first start takes a minute)");
        LibertyServer liberty = LibertyServer.start(options.wlpDir(), "openfactory",
                options.dataDir().resolve("liberty"), options.httpPort(),
                Map.of("kafka.bootstrap.servers", bootstrap),
                Duration.ofMinutes(3));
        started.push(liberty);

        String base = liberty.baseUrl();
        System.out.printf("""

                OpenFactory is running. Ctrl-C stops everything.
                  GraphQL endpoint       %1$s/graphql          (POST queries)
                  GraphQL subscriptions  %2$s/graphql            (WebSocket, graphql-transport-ws)
                  GraphQL schema         %1$s/graphql/schema.graphql
                  GraphiQL (explore)     %1$s/graphql-ui/
                  Health                 %1$s/health
                  Kafka                  %3$s
                  Logs                   %4$s
                Virtual factory:
                %5$s
                Try: curl -s %1$s/graphql -H 'Content-Type: application/json' \\
                       -d '{"query":"{ asset(id: \\"tc-1\\") { dataItems { id value timestamp } } }"}'
                     bin/openfactory command tc-1 setpoint 80

                """, base, base.replace("http://", "ws://"), bootstrap,
                options.dataDir().resolve("liberty/openfactory/logs"),
                String.join("\n", factory.description().stream().map(line -> "  " + line).toList()));
    }

    /**
     * The MQTT devices publish to the broker the asset files name, 127.0.0.1:1883: the machine's Mosquitto when it
     * runs, else one started here (stopped with the rest). Without any, the MQTT assets stay UNAVAILABLE.
     */
    private void startMqttBrokerIfNone() {
        if (!accepts(MosquittoBroker.DEFAULT_PORT)) {
            try {
                MosquittoBroker broker = new MosquittoBroker(MosquittoBroker.DEFAULT_PORT);
                broker.start();
                started.push(broker);
                LOG.info("Started Mosquitto on {}", broker.url());
            } catch (IOException e) {
                LOG.warn("No MQTT broker on {} and none could be started ({}); the MQTT assets stay UNAVAILABLE",
                        MqttDevice.DEFAULT_BROKER, e.getMessage());
            }
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Registers the asset files as {@code openfactory assets apply} would: only what changed is appended. */
    private static void applyAssets(Path folder, String bootstrap) {
        RegistryClient registry = new RegistryClient(bootstrap, URI.create("/openfactory/run"), Clock.systemUTC(),
                TopicLayout.singleBroker());
        RegistryPlan plan = registry.apply(AssetFileLoader.withDefaults().readFolderLocated(folder), false,
                Duration.ofSeconds(30));
        LOG.info("Assets of {} applied to the registry:\n{}", folder, plan.describe());
    }

    private static void requireFree(int port, String what) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new IOException("port " + port + " for " + what + " is in use; stop what uses it or pick another",
                    e);
        }
    }

    /** Stops in reverse start order: Liberty first, so nothing is left writing to a stopped broker. */
    private synchronized void stopAll() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("Stopping " + part.getClass().getSimpleName() + " failed: " + e);
            }
        }
        System.err.println("OpenFactory stopped"); // JUL is already shut down in a shutdown hook
    }
}
