package org.openfactory.embedded.kafka;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.openfactory.embedded.logging.ConsoleLogging;
import org.slf4j.LoggerFactory;

/**
 * The local single-node KRaft Kafka broker in its own JVM, as started by the platform's run command.
 *
 * <pre>
 * java -cp &lt;classpath&gt; org.openfactory.embedded.kafka.KafkaBrokerMain
 *      [--data-dir ./.openfactory/kafka] [--port 9092] [--controller-port 9093]
 * </pre>
 *
 * Formats the storage on first use, starts the broker and prints exactly one line to stdout when it answers
 * clients: {@value #READY_PREFIX}{@code <port>}. SIGTERM / SIGINT shut it down cleanly (a shutdown hook);
 * the data stays in the data directory for the next start. Logs go to stderr through SLF4J and
 * java.util.logging; unless {@code java.util.logging.config.file} is set, the Kafka loggers are kept at
 * WARNING.
 */
public final class KafkaBrokerMain {

    /** The start of the ready line; the client port follows. */
    public static final String READY_PREFIX = "Kafka broker ready on " + KraftConfig.HOST + ":";
    static final String DEFAULT_DATA_DIR = "./.openfactory/kafka";
    static final int DEFAULT_PORT = 9092;
    static final int DEFAULT_CONTROLLER_PORT = 9093;

    private static final Object LOCK = new Object();
    private static KafkaBroker broker; // guarded by LOCK
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(DEFAULT_DATA_DIR);
        int port = DEFAULT_PORT;
        int controllerPort = DEFAULT_CONTROLLER_PORT;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--help":
                    case "-h":
                        usage(System.out);
                        return;
                    case "--data-dir":
                        dataDir = Path.of(value != null ? value : next(args, ++i, arg));
                        break;
                    case "--port":
                        port = parsePort(value != null ? value : next(args, ++i, arg), arg);
                        break;
                    case "--controller-port":
                        controllerPort = parsePort(value != null ? value : next(args, ++i, arg), arg);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("KafkaBrokerMain: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }

        ConsoleLogging.configure();

        Runtime.getRuntime().addShutdownHook(new Thread(KafkaBrokerMain::stop, "openfactory-kafka-shutdown"));

        KafkaBroker started;
        try {
            synchronized (LOCK) {
                if (STOPPING.get()) {
                    return;
                }
                broker = KafkaBroker.start(dataDir, port, controllerPort, Map.of(), KafkaBroker.DEFAULT_READY_TIMEOUT);
                started = broker;
            }
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(KafkaBrokerMain.class).error("{}", e.getMessage(), e);
            System.err.println("KafkaBrokerMain: " + e.getMessage());
            if (!STOPPING.get()) {
                System.exit(1);
            }
            return;
        }
        if (STOPPING.get()) {
            return;
        }
        System.out.println(READY_PREFIX + started.port());
        System.out.flush();
        // Returns when the shutdown hook has closed the broker, or when the broker stopped by itself.
        started.awaitShutdown();
    }

    /** The shutdown hook: waits for a start in progress, then shuts the broker down and waits for it. */
    private static void stop() {
        STOPPING.set(true);
        synchronized (LOCK) {
            if (broker != null) {
                // java.util.logging resets its handlers in its own shutdown hook, concurrently with this one,
                // so the outcome goes straight to stderr.
                long t0 = System.nanoTime();
                try {
                    broker.close();
                    System.err.println("KafkaBrokerMain: Kafka broker on " + broker.bootstrapServers()
                            + " stopped cleanly in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                } catch (RuntimeException e) {
                    System.err.println("KafkaBrokerMain: clean shutdown of the Kafka broker failed: " + e);
                }
                broker = null;
            }
        }
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String value, String option) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(option + " must be in 1..65535: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is not a port number: " + value);
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: KafkaBrokerMain [--data-dir " + DEFAULT_DATA_DIR + "] [--port " + DEFAULT_PORT
                + "] [--controller-port " + DEFAULT_CONTROLLER_PORT + "]");
    }
}
