package org.openfactory.embedded.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Broker properties of the local single-node KRaft Kafka (combined broker and controller, node id 1),
 * shared by the in-process {@link KafkaBroker} and the stand-alone {@link KafkaBrokerMain}.
 *
 * <p>The quorum is static ({@code controller.quorum.voters}), so the controller port may change between
 * restarts on the same data directory. Every replication factor and minimum ISR is 1.
 */
public final class KraftConfig {

    /** The KRaft node id of the single node. */
    public static final int NODE_ID = 1;
    /** The loopback address every listener binds to and advertises. */
    public static final String HOST = "127.0.0.1";
    /** Name of the client listener. */
    public static final String BROKER_LISTENER = "PLAINTEXT";
    /** Name of the KRaft controller listener. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Sub-directory of the data directory that holds the logs (records and the cluster metadata log). */
    public static final String LOG_DIR_NAME = "kraft-logs";

    private KraftConfig() {
    }

    /** The directory that holds the partitions and {@code __cluster_metadata}: {@code <dataDir>/kraft-logs}. */
    public static Path logDir(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(LOG_DIR_NAME);
    }

    /** {@code 127.0.0.1:<port>}. */
    public static String bootstrapServers(int port) {
        return HOST + ":" + port;
    }

    /**
     * The broker properties.
     *
     * @param dataDir         the data directory; logs go to {@link #logDir(Path)}
     * @param port            the client (PLAINTEXT) port
     * @param controllerPort  the KRaft controller port
     * @param extraProperties further broker properties; they override the defaults (may be empty, not null)
     */
    public static Properties brokerProperties(Path dataDir, int port, int controllerPort, Map<String, ?> extraProperties) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(extraProperties, "extraProperties");
        checkPort(port, "port");
        checkPort(controllerPort, "controllerPort");
        if (port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ: " + port);
        }
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", BROKER_LISTENER + "://" + HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        p.setProperty("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("inter.broker.listener.name", BROKER_LISTENER);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        String logDir = logDir(dataDir).toString();
        p.setProperty("log.dirs", logDir);
        p.setProperty("metadata.log.dir", logDir);
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        extraProperties.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        return p;
    }

    private static void checkPort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be in 1..65535: " + port);
        }
    }
}
