package org.openfactory.simulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.slf4j.LoggerFactory;

/**
 * Runs the virtual factory until the JVM is stopped.
 *
 * <pre>java -cp ... org.openfactory.simulator.SimulatorMain [--opcua-port 4840] [--modbus-port 5020] [--mtconnect-port 5000]
 *     [--mqtt-broker tcp://127.0.0.1:1883 | none] [--bind 127.0.0.1] [--pki-dir DIR]</pre>
 *
 * <p>The OPC UA device offers None and Basic256Sha256/SignAndEncrypt endpoints and accepts any client application.
 * User {@code operator} may log in when the environment variable {@value #OPERATOR_PASSWORD_ENV} holds a password.
 * The MQTT devices are clients of a broker that runs elsewhere (Mosquitto); they keep retrying until it answers.
 */
public final class SimulatorMain {

    /** Where the operator's password comes from; never a command line argument (it would show in process lists). */
    public static final String OPERATOR_PASSWORD_ENV = "OPENFACTORY_SIMULATOR_OPERATOR_PASSWORD";
    private static final String USAGE = "usage: SimulatorMain [--opcua-port 4840] [--modbus-port 5020] [--mtconnect-port 5000] "
            + "[--mqtt-broker tcp://127.0.0.1:1883|none] [--bind 127.0.0.1] [--pki-dir DIR]";
    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    private static final String LOG_FORMAT = "%1$tT %4$s %3$s - %5$s%6$s%n";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        configureLogging();
        VirtualFactory.Addresses addresses;
        try {
            addresses = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        VirtualFactory factory = VirtualFactory.start(addresses, System.getenv(OPERATOR_PASSWORD_ENV));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            factory.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        factory.description().forEach(line -> LoggerFactory.getLogger(SimulatorMain.class).info(line));
        stopped.await();
    }

    /** One line per record, and only warnings from Milo, Netty and Paho. Must run before the first logger is made. */
    static void configureLogging() {
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, LOG_FORMAT);
        }
        // Held in static fields: JUL keeps only weak references to configured loggers.
        QUIET[0] = quiet("org.eclipse.milo");
        QUIET[1] = quiet("io.netty");
        QUIET[2] = quiet("com.digitalpetri");
        QUIET[3] = quiet("org.eclipse.paho");
    }

    private static final Logger[] QUIET = new Logger[4];

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    static VirtualFactory.Addresses parse(String[] args) {
        VirtualFactory.Addresses d = VirtualFactory.Addresses.examples();
        int opcuaPort = d.opcuaPort();
        int modbusPort = d.modbusPort();
        int mtconnectPort = d.mtconnectPort();
        String mqttBroker = d.mqttBroker();
        String bind = d.bind();
        Path pkiDir = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--opcua-port" -> opcuaPort = parsePort(name, value);
                case "--modbus-port" -> modbusPort = parsePort(name, value);
                case "--mtconnect-port" -> mtconnectPort = parsePort(name, value);
                case "--mqtt-broker" -> mqttBroker = "none".equals(value) ? null : value;
                case "--bind" -> bind = value;
                case "--pki-dir" -> pkiDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new VirtualFactory.Addresses(bind, opcuaPort, modbusPort, mtconnectPort, mqttBroker, pkiDir);
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number 1..65535, not '" + value + "'");
    }
}
