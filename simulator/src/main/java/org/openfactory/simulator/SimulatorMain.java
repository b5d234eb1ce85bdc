package org.openfactory.simulator;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openfactory.simulator.opcua.ServerSecurity;
import org.openfactory.simulator.mtconnect.MtConnectAgentServer;
import org.openfactory.simulator.mtconnect.Vmc3Axis;
import org.openfactory.simulator.opcua.TemperatureControllerServer;
import org.slf4j.LoggerFactory;

/**
 * Runs the virtual factory until the JVM is stopped.
 *
 * <pre>java -cp ... org.openfactory.simulator.SimulatorMain [--opcua-port 4840] [--mtconnect-port 5000]
 *     [--bind 127.0.0.1] [--pki-dir DIR]</pre>
 *
 * <p>The OPC UA device offers None and Basic256Sha256/SignAndEncrypt endpoints and accepts any client application.
 * User {@code operator} may log in when the environment variable {@value #OPERATOR_PASSWORD_ENV} holds a password.
 */
public final class SimulatorMain {

    /** Where the operator's password comes from; never a command line argument (it would show in process lists). */
    public static final String OPERATOR_PASSWORD_ENV = "OPENFACTORY_SIMULATOR_OPERATOR_PASSWORD";
    private static final String USAGE = "usage: SimulatorMain [--opcua-port 4840] [--mtconnect-port 5000] "
            + "[--bind 127.0.0.1] [--pki-dir DIR]";
    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    private static final String LOG_FORMAT = "%1$tT %4$s %3$s - %5$s%6$s%n";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        configureLogging();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        Path pkiDir = options.pkiDir() != null ? options.pkiDir() : ServerSecurity.defaults().pkiDir();
        var security = new ServerSecurity(pkiDir, true,
                System.getenv(OPERATOR_PASSWORD_ENV), List.of(), true);
        var server = new TemperatureControllerServer(options.bind(), options.opcuaPort(),
                TemperatureControllerServer.DEFAULT_UPDATE_INTERVAL, 42L, security);
        var agent = new MtConnectAgentServer(options.bind(), options.mtconnectPort(), MtConnectAgentServer.DEFAULT_TICK,
                MtConnectAgentServer.DEFAULT_BUFFER_SIZE, 42L);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            server.close();
            stopped.countDown();
        }, "simulator-shutdown"));

        server.start();
        LoggerFactory.getLogger(SimulatorMain.class).info("OPC UA temperature controller at {} nodes {}, PKI {}, "
                + "operator login {}", server.endpointUrl(), TemperatureControllerServer.nodeIds(), security.pkiDir(),
                security.operatorPassword() == null ? "off (set " + OPERATOR_PASSWORD_ENV + ")" : "on");
        agent.start();
        LoggerFactory.getLogger(SimulatorMain.class).info("MTConnect agent at {} device {} (uuid {})",
                agent.agentUrl(), Vmc3Axis.NAME, Vmc3Axis.UUID);
        stopped.await();
    }

    /** One line per record, and only warnings from Milo and Netty. Must run before the first logger is made. */
    static void configureLogging() {
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, LOG_FORMAT);
        }
        // Held in static fields: JUL keeps only weak references to configured loggers.
        QUIET[0] = quiet("org.eclipse.milo");
        QUIET[1] = quiet("io.netty");
        QUIET[2] = quiet("com.digitalpetri");
    }

    private static final Logger[] QUIET = new Logger[3];

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    record Options(int opcuaPort, int mtconnectPort, String bind, Path pkiDir) {

        static Options parse(String[] args) {
            int port = 4840;
            int mtconnectPort = MtConnectAgentServer.DEFAULT_PORT;
            String bind = TemperatureControllerServer.DEFAULT_BIND_ADDRESS;
            Path pkiDir = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--opcua-port" -> port = parsePort(name, value);
                    case "--mtconnect-port" -> mtconnectPort = parsePort(name, value);
                    case "--bind" -> bind = value;
                    case "--pki-dir" -> pkiDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(port, mtconnectPort, bind, pkiDir);
        }

        private static int parsePort(String name, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port > 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be 1..65535: " + value);
        }
    }
}
