package org.openfactory.simulator;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openfactory.simulator.mqtt.EnergyMeterSimulator;
import org.openfactory.simulator.mqtt.EnvironmentSensorSimulator;
import org.openfactory.simulator.mqtt.MqttDevice;
import org.openfactory.simulator.opcua.TemperatureControllerServer;
import org.slf4j.LoggerFactory;

/**
 * Runs the virtual factory until the JVM is stopped.
 *
 * <pre>java -cp ... org.openfactory.simulator.SimulatorMain [--opcua-port 4840] [--bind 127.0.0.1]
 *     [--mqtt-broker tcp://127.0.0.1:1883 | --mqtt-broker none]</pre>
 *
 * The MQTT devices are clients of a broker that runs elsewhere (Mosquitto); they keep retrying until it answers.
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
            System.err.println("usage: SimulatorMain [--opcua-port 4840] [--bind 127.0.0.1] "
                    + "[--mqtt-broker tcp://127.0.0.1:1883|none]");
            System.exit(2);
            return;
        }

        var server = new TemperatureControllerServer(options.bind(), options.opcuaPort());
        List<MqttDevice> mqttDevices = options.mqttBroker() == null ? List.of() : mqttDevices(options.mqttBroker());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mqttDevices.forEach(MqttDevice::close);
            server.close();
            stopped.countDown();
        }, "simulator-shutdown"));

        server.start();
        var log = LoggerFactory.getLogger(SimulatorMain.class);
        log.info("OPC UA temperature controller at {} nodes {}", server.endpointUrl(),
                TemperatureControllerServer.nodeIds());
        for (MqttDevice device : mqttDevices) {
            device.start();
        }
        if (!mqttDevices.isEmpty()) {
            log.info("MQTT energy meter under {} (CloudEvents) and environment sensor under {} (JSON), broker {}",
                    EnergyMeterSimulator.EXAMPLE_UNS_PATH, EnvironmentSensorSimulator.EXAMPLE_UNS_PATH,
                    options.mqttBroker());
        }
        stopped.await();
    }

    /** The virtual factory's MQTT devices, as examples/assets describes them; not started yet. */
    public static List<MqttDevice> mqttDevices(String brokerUrl) {
        return List.of(
                new EnergyMeterSimulator(brokerUrl, EnergyMeterSimulator.EXAMPLE_UNS_PATH, 1_000, 7L),
                new EnvironmentSensorSimulator(brokerUrl, EnvironmentSensorSimulator.EXAMPLE_UNS_PATH, 2_000, 11L));
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
        QUIET[3] = quiet("org.eclipse.paho");
    }

    private static final Logger[] QUIET = new Logger[4];

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    /** @param mqttBroker null when the MQTT devices are not wanted ({@code --mqtt-broker none}) */
    record Options(int opcuaPort, String bind, String mqttBroker) {

        static Options parse(String[] args) {
            int port = 4840;
            String bind = TemperatureControllerServer.DEFAULT_BIND_ADDRESS;
            String mqttBroker = MqttDevice.DEFAULT_BROKER;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--opcua-port" -> port = parsePort(value);
                    case "--bind" -> bind = value;
                    case "--mqtt-broker" -> mqttBroker = "none".equals(value) ? null : value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(port, bind, mqttBroker);
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
