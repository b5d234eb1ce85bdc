package org.openfactory.simulator;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openfactory.simulator.modbus.PumpSimulator;
import org.openfactory.simulator.opcua.TemperatureControllerServer;
import org.slf4j.LoggerFactory;

/**
 * Runs the virtual factory until the JVM is stopped.
 *
 * <pre>java -cp ... org.openfactory.simulator.SimulatorMain [--opcua-port 4840] [--bind 127.0.0.1]</pre>
 */
public final class SimulatorMain {

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
            System.err.println("usage: SimulatorMain [--opcua-port 4840] [--bind 127.0.0.1]");
            System.exit(2);
            return;
        }

        var server = new TemperatureControllerServer(options.bind(), options.opcuaPort());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "simulator-shutdown"));

        server.start();
        LoggerFactory.getLogger(SimulatorMain.class).info("OPC UA temperature controller at {} nodes {}",
                server.endpointUrl(), TemperatureControllerServer.nodeIds());
        var pump = new PumpSimulator(options.bind(), PumpSimulator.DEFAULT_PORT); // examples/assets/pump-1.yaml
        Runtime.getRuntime().addShutdownHook(new Thread(pump::close, "pump-shutdown"));
        pump.start();
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

    record Options(int opcuaPort, String bind) {

        static Options parse(String[] args) {
            int port = 4840;
            String bind = TemperatureControllerServer.DEFAULT_BIND_ADDRESS;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--opcua-port" -> port = parsePort(value);
                    case "--bind" -> bind = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(port, bind);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port > 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("--opcua-port must be 1..65535: " + value);
        }
    }
}
