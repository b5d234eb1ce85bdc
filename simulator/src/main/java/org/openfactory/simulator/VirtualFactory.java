package org.openfactory.simulator;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.openfactory.simulator.modbus.PumpSimulator;
import org.openfactory.simulator.mqtt.EnergyMeterSimulator;
import org.openfactory.simulator.mqtt.EnvironmentSensorSimulator;
import org.openfactory.simulator.mqtt.MqttDevice;
import org.openfactory.simulator.mtconnect.MtConnectAgentServer;
import org.openfactory.simulator.mtconnect.Vmc3Axis;
import org.openfactory.simulator.opcua.ServerSecurity;
import org.openfactory.simulator.opcua.TemperatureControllerServer;

/**
 * The virtual factory of examples/assets: every simulated device on the address the asset files name. One place
 * for the run command ({@code embedded}) and {@link SimulatorMain} to start and stop them.
 */
public final class VirtualFactory implements AutoCloseable {

    /**
     * Where the devices listen.
     *
     * @param mqttBroker the broker the MQTT devices publish to, or null for no MQTT devices
     * @param opcuaPki   the OPC UA server's PKI folder, or null for a temporary one
     */
    public record Addresses(String bind, int opcuaPort, int modbusPort, int mtconnectPort, String mqttBroker,
                            Path opcuaPki) {

        /** As examples/assets names them. */
        public static Addresses examples() {
            return new Addresses(TemperatureControllerServer.DEFAULT_BIND_ADDRESS, 4840, PumpSimulator.DEFAULT_PORT,
                    MtConnectAgentServer.DEFAULT_PORT, MqttDevice.DEFAULT_BROKER, null);
        }
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<String> description = new ArrayList<>();

    private VirtualFactory() {
    }

    /**
     * Starts every device; if one cannot start, those already started are stopped again.
     *
     * @param operatorPassword the OPC UA user {@code operator}'s password, or null for no operator login
     */
    public static VirtualFactory start(Addresses addresses, String operatorPassword) {
        VirtualFactory factory = new VirtualFactory();
        try {
            factory.startAll(addresses, operatorPassword);
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
        return factory;
    }

    private void startAll(Addresses addresses, String operatorPassword) {
        Path pki = addresses.opcuaPki() != null ? addresses.opcuaPki() : ServerSecurity.defaults().pkiDir();
        ServerSecurity security = new ServerSecurity(pki, true, operatorPassword, List.of(), true);
        TemperatureControllerServer controller = new TemperatureControllerServer(addresses.bind(),
                addresses.opcuaPort(), TemperatureControllerServer.DEFAULT_UPDATE_INTERVAL, 42L, security);
        controller.start();
        started.push(controller);
        description.add("OPC UA temperature controller  " + controller.endpointUrl() + " (operator login "
                + (operatorPassword == null ? "off" : "on") + ", PKI " + pki + ")");

        PumpSimulator pump = new PumpSimulator(addresses.bind(), addresses.modbusPort());
        pump.start();
        started.push(pump);
        description.add("Modbus TCP pump                " + pump.endpoint());

        MtConnectAgentServer agent = new MtConnectAgentServer(addresses.bind(), addresses.mtconnectPort(),
                MtConnectAgentServer.DEFAULT_TICK, MtConnectAgentServer.DEFAULT_BUFFER_SIZE, 42L);
        agent.start();
        started.push(agent);
        description.add("MTConnect agent                " + agent.agentUrl() + "/probe (device " + Vmc3Axis.NAME
                + ")");

        if (addresses.mqttBroker() != null) {
            for (MqttDevice device : mqttDevices(addresses.mqttBroker())) {
                device.start();
                started.push(device);
            }
            description.add("MQTT energy meter and sensor   " + addresses.mqttBroker() + " (under "
                    + EnergyMeterSimulator.EXAMPLE_UNS_PATH + ", " + EnvironmentSensorSimulator.EXAMPLE_UNS_PATH
                    + ")");
        }
    }

    /** The virtual factory's MQTT devices, as examples/assets describes them; not started yet. */
    static List<MqttDevice> mqttDevices(String brokerUrl) {
        return List.of(
                new EnergyMeterSimulator(brokerUrl, EnergyMeterSimulator.EXAMPLE_UNS_PATH, 1_000, 7L),
                new EnvironmentSensorSimulator(brokerUrl, EnvironmentSensorSimulator.EXAMPLE_UNS_PATH, 2_000, 11L));
    }

    /** One line per device: what it is and where it is. */
    public List<String> description() {
        return List.copyOf(description);
    }

    /** Stops the devices in reverse start order; idempotent. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("Stopping a simulated device failed: " + e);
            }
        }
    }
}
