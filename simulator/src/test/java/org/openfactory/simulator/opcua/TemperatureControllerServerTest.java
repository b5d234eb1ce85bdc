package org.openfactory.simulator.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openfactory.simulator.opcua.TemperatureControllerServer.ALARM;
import static org.openfactory.simulator.opcua.TemperatureControllerServer.HEATER_ON;
import static org.openfactory.simulator.opcua.TemperatureControllerServer.MODE;
import static org.openfactory.simulator.opcua.TemperatureControllerServer.SETPOINT;
import static org.openfactory.simulator.opcua.TemperatureControllerServer.TEMPERATURE;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TemperatureControllerServerTest {

    private int port;
    private TemperatureControllerServer server;
    private OpcUaClient client;

    @BeforeEach
    void startServer() throws IOException {
        port = freePort();
        server = new TemperatureControllerServer("127.0.0.1", port, Duration.ofMillis(100), 7L);
        server.start();
    }

    @AfterEach
    void stop() {
        disconnect();
        server.close();
    }

    @Test
    void servesInitialValuesWithSourceTimestamps() throws Exception {
        assertEquals("opc.tcp://127.0.0.1:" + port + "/openfactory", server.endpointUrl());
        connect();

        DataValue setpoint = read(SETPOINT);
        assertEquals(60.0, setpoint.value().value());
        assertEquals("AUTO", read(MODE).value().value());
        assertEquals(Boolean.class, read(HEATER_ON).value().value().getClass());
        assertEquals(Boolean.FALSE, read(ALARM).value().value());

        DataValue temperature = read(TEMPERATURE);
        assertTrue(temperature.statusCode().isGood());
        assertEquals(Double.class, temperature.value().value().getClass());
        assertNotNull(temperature.sourceTime());
        Instant sourceTime = temperature.sourceTime().getJavaInstant();
        assertTrue(Duration.between(sourceTime, Instant.now()).abs().toSeconds() < 5, "source time " + sourceTime);
        assertNotNull(temperature.serverTime());
    }

    @Test
    void clientWritesSetpointAndReadsItBack() throws Exception {
        connect();

        List<StatusCode> results = client.writeValues(List.of(nodeId(SETPOINT)),
                List.of(DataValue.valueOnly(new Variant(75.5))));

        assertTrue(results.get(0).isGood(), results.get(0).toString());
        assertEquals(75.5, read(SETPOINT).value().value());
        assertEquals(75.5, server.setpoint());
    }

    @Test
    void readOnlyVariablesRejectWrites() throws Exception {
        connect();

        List<StatusCode> results = client.writeValues(List.of(nodeId(TEMPERATURE)),
                List.of(DataValue.valueOnly(new Variant(99.0))));

        assertTrue(results.get(0).isBad(), results.get(0).toString());
        assertNotEquals(99.0, read(TEMPERATURE).value().value());
    }

    @Test
    void temperatureChangesOverTimeTowardTheSetpoint() throws Exception {
        connect();
        double first = (Double) read(TEMPERATURE).value().value();

        double later = first;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (later == first && System.nanoTime() < deadline) {
            Thread.sleep(50);
            later = (Double) read(TEMPERATURE).value().value();
        }

        assertNotEquals(first, later, "temperature never changed");
        assertEquals(Boolean.TRUE, read(HEATER_ON).value().value(), "heating from 20 toward 60");
    }

    @Test
    void deviceSideChangesReachSubscribedClients() throws Exception {
        connect();
        BlockingQueue<DataValue> setpoints = new LinkedBlockingQueue<>();
        BlockingQueue<DataValue> alarms = new LinkedBlockingQueue<>();
        var subscription = new OpcUaSubscription(client, 50.0);
        subscription.create();
        subscription.addMonitoredItem(monitored(SETPOINT, setpoints));
        subscription.addMonitoredItem(monitored(ALARM, alarms));
        subscription.synchronizeMonitoredItems();

        assertEquals(60.0, poll(setpoints).value().value());
        assertEquals(Boolean.FALSE, poll(alarms).value().value());

        server.setSetpoint(72.5);
        DataValue changed = poll(setpoints);
        assertEquals(72.5, changed.value().value());
        assertNotNull(changed.sourceTime());

        server.setTemperature(90.0); // above setpoint + 10
        assertEquals(Boolean.TRUE, poll(alarms).value().value());
    }

    @Test
    void restartsOnTheSamePort() throws Exception {
        connect();
        client.writeValues(List.of(nodeId(SETPOINT)), List.of(DataValue.valueOnly(new Variant(65.0))));
        disconnect();

        server.close();
        assertFalse(server.isRunning());
        assertThrows(Exception.class, () -> OpcUaClient.create(server.endpointUrl()), "still listening");

        server.start(); // same instance, same port: a device reboot
        connect();
        assertEquals(65.0, read(SETPOINT).value().value());
        disconnect();

        server.close();
        try (var other = new TemperatureControllerServer(port)) { // a fresh device on the same port
            other.start();
            connect(other.endpointUrl());
            assertEquals(60.0, read(SETPOINT).value().value());
            disconnect();
        }
    }

    @Test
    void startFailsWhenThePortIsTaken() {
        try (var second = new TemperatureControllerServer(port)) {
            assertThrows(IllegalStateException.class, second::start);
        }
    }

    private OpcUaMonitoredItem monitored(String name, BlockingQueue<DataValue> sink) {
        OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(nodeId(name));
        item.setSamplingInterval(50.0);
        item.setDataValueListener((i, v) -> sink.add(v));
        return item;
    }

    private static DataValue poll(BlockingQueue<DataValue> queue) throws InterruptedException {
        DataValue value = queue.poll(5, TimeUnit.SECONDS);
        assertNotNull(value, "no data change within 5 s");
        return value;
    }

    private DataValue read(String name) throws UaException {
        return client.readValue(0.0, TimestampsToReturn.Both, nodeId(name));
    }

    private static NodeId nodeId(String name) {
        return NodeId.parse(TemperatureControllerServer.nodeId(name));
    }

    private void connect() throws UaException {
        connect(server.endpointUrl());
    }

    private void connect(String endpointUrl) throws UaException {
        client = OpcUaClient.create(endpointUrl);
        client.connect();
    }

    private void disconnect() {
        if (client != null) {
            try {
                client.disconnect();
            } catch (UaException ignored) {
                // best effort in cleanup
            }
            client = null;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
