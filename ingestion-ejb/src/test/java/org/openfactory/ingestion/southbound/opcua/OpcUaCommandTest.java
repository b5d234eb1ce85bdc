package org.openfactory.ingestion.southbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.opcua.OpcUaConnector;
import org.openfactory.ingestion.northbound.opcua.OpcUaConnectorSettings;
import org.openfactory.ingestion.testsupport.CollectingSink;
import org.openfactory.ingestion.testsupport.Ports;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.OpcUaConnection;
import org.openfactory.registry.asset.OpcUaSource;
import org.openfactory.simulator.opcua.TemperatureControllerServer;

/** Writes and method calls through the connector, on the real simulated controller, in process, on a free port. */
@Timeout(60)
class OpcUaCommandTest {

    private static final String ASSET_ID = "tc-1";
    private static final URI SOURCE = URI.create("urn:openfactory:connector:opcua:tc-1");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final OpcUaConnectorSettings SETTINGS = OpcUaConnectorSettings.defaults()
            .withRetryDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
            .withSubscription(Duration.ofMillis(100), Duration.ofMillis(50), 10)
            .withRequestTimeout(Duration.ofSeconds(3));

    private final CollectingSink sink = new CollectingSink(WAIT);
    private int port;
    private TemperatureControllerServer device;
    private OpcUaConnector connector;
    private AssetDefinition asset;
    private int commands;

    @BeforeEach
    void setUp() {
        port = Ports.free();
        device = new TemperatureControllerServer("127.0.0.1", port, Duration.ofMillis(100), 11L);
    }

    @AfterEach
    void tearDown() {
        if (connector != null) {
            connector.close();
        }
        device.close();
    }

    // ---- writes ----

    @Test
    void aWrittenSetpointArrivesNorthbound() throws Exception {
        startConnected();
        assertEquals(new Value.Number(60.0), sink.await(s -> s.dataItemId().equals("setpoint")).value());

        assertEquals(List.of(), execute("setpoint", new Value.Number(72.5)));

        sink.await(s -> s.dataItemId().equals("setpoint") && s.value().equals(new Value.Number(72.5)));
        assertEquals(72.5, device.setpoint());
    }

    @Test
    void anIntegerIsWrittenAsTheNodesDoubleType() throws Exception {
        startConnected();
        assertEquals(List.of(), execute("setpointInteger", new Value.Integer(70)));
        sink.await(s -> s.dataItemId().equals("setpoint") && s.value().equals(new Value.Number(70.0)));
    }

    @Test
    void writingAReadOnlyNodeIsADeviceErrorNamingTheStatus() throws Exception {
        startConnected();
        double before = device.temperature();
        CommandRejectedException e = rejected(submit("temperatureMisdeclaredWritable", new Value.Number(99.0)));
        assertEquals(FailureCode.DEVICE_ERROR, e.code());
        assertTrue(e.getMessage().contains("BadNotWritable") || e.getMessage().contains("BadUserAccessDenied"),
                e.getMessage());
        assertTrue(e.getMessage().contains(ASSET_ID) && e.getMessage().contains("temperatureMisdeclaredWritable")
                && e.getMessage().contains("99.0"), e.getMessage());
        assertTrue(Math.abs(device.temperature() - 99.0) > 1.0, "nothing written, was " + before);
    }

    @Test
    void aValueThatDoesNotFitTheNodeTypeIsRejectedBeforeSending() throws Exception {
        startConnected();
        CommandRejectedException e = rejected(submit("setpointText", new Value.Text("hot")));
        assertEquals(FailureCode.BAD_ARGUMENTS, e.code());
        assertTrue(e.getMessage().contains(ASSET_ID) && e.getMessage().contains("setpointText")
                && e.getMessage().contains("hot") && e.getMessage().contains("Double"), e.getMessage());
        assertEquals(TemperatureControllerServer.INITIAL_SETPOINT, device.setpoint());
    }

    @Test
    void aWriteToAnUnknownNodeIsADeviceError() throws Exception {
        startConnected();
        CommandRejectedException e = rejected(submit("missing", new Value.Number(1.0)));
        assertEquals(FailureCode.DEVICE_ERROR, e.code());
        assertTrue(e.getMessage().contains("BadNodeIdUnknown"), e.getMessage());
    }

    @Test
    void withoutASessionCommandsAreNotConnected() throws Exception {
        connector = connector(items()); // device not started
        connector.start();
        CommandRejectedException e = rejected(submit("setpoint", new Value.Number(70.0)));
        assertEquals(FailureCode.NOT_CONNECTED, e.code());
        assertTrue(e.getMessage().contains(ASSET_ID), e.getMessage());

        connector.close();
        assertEquals(FailureCode.NOT_CONNECTED, rejected(submit("setpoint", new Value.Number(70.0))).code());
    }

    @Test
    void writesWorkAgainAfterADeviceRestart() throws Exception {
        startConnected();
        assertEquals(List.of(), execute("setpoint", new Value.Number(65.0)));
        device.close();
        awaitTrue(() -> !connector.isConnected(), "connector noticed the device is gone");
        assertEquals(FailureCode.NOT_CONNECTED, rejected(submit("setpoint", new Value.Number(66.0))).code());
        device.start();
        awaitTrue(connector::isConnected, "reconnected");

        assertEquals(List.of(), execute("setpoint", new Value.Number(67.0)));
        assertEquals(67.0, device.setpoint());
    }

    // ---- method calls ----

    @Test
    void setModeReturnsThePreviousModeAndTheModeChangesNorthbound() throws Exception {
        startConnected();
        assertEquals(new Value.Text("AUTO"), sink.await(s -> s.dataItemId().equals("mode")).value());

        assertEquals(List.of(new Value.Text("AUTO")), execute("setMode", new Value.Text("MANUAL")));

        sink.await(s -> s.dataItemId().equals("mode") && s.value().equals(new Value.Text("MANUAL")));
        assertEquals(List.of(new Value.Text("MANUAL")), execute("setMode", new Value.Text("OFF")));
        assertEquals("OFF", device.mode());
    }

    @Test
    void anUnknownModeIsADeviceErrorNamingTheStatus() throws Exception {
        startConnected();
        CommandRejectedException e = rejected(submit("setMode", new Value.Text("TURBO")));
        assertEquals(FailureCode.DEVICE_ERROR, e.code());
        assertTrue(e.getMessage().contains("BadInvalidArgument"), e.getMessage());
        assertTrue(e.getMessage().contains("argument 1 (Mode): BadOutOfRange"), e.getMessage());
        assertEquals("AUTO", device.mode());
    }

    @Test
    void aWrongArgumentCountOrTypeIsRejectedBeforeCalling() throws Exception {
        startConnected();
        CommandRejectedException none = rejected(submit("setMode"));
        assertEquals(FailureCode.BAD_ARGUMENTS, none.code());
        assertTrue(none.getMessage().contains("takes 1 argument (Mode: String), got 0"), none.getMessage());

        CommandRejectedException two = rejected(submit("setMode", new Value.Text("AUTO"), new Value.Text("OFF")));
        assertEquals(FailureCode.BAD_ARGUMENTS, two.code());

        CommandRejectedException number = rejected(submit("setMode", new Value.Integer(2)));
        assertEquals(FailureCode.BAD_ARGUMENTS, number.code());
        assertTrue(number.getMessage().contains("argument 1 (Mode) value 2 (INTEGER) does not fit the OPC UA type "
                + "String"), number.getMessage());
        assertEquals("AUTO", device.mode());
    }

    @Test
    void resetAlarmAcknowledgesTheActiveAlarm() throws Exception {
        startConnected();
        device.forceTemperature(95.0);
        sink.await(s -> s.dataItemId().equals("overheat")
                && ((Value.Condition) s.value()).level() == ConditionLevel.FAULT);

        assertEquals(List.of(), execute("resetAlarm"));

        assertTrue(device.isAlarmAcknowledged());
        Value.Condition acknowledged = (Value.Condition) sink.await(s -> s.dataItemId().equals("overheat")).value();
        assertEquals(ConditionLevel.FAULT, acknowledged.level(), "acknowledged, but still too hot");
        assertTrue(acknowledged.message().contains("acknowledged"), acknowledged.message());
    }

    @Test
    void anUnknownMethodIsADeviceError() throws Exception {
        startConnected();
        CommandRejectedException e = rejected(submit("noSuchMethod"));
        assertEquals(FailureCode.DEVICE_ERROR, e.code());
        assertTrue(e.getMessage().contains("noSuchMethod") && e.getMessage().startsWith("asset " + ASSET_ID),
                e.getMessage());
    }

    // ---- fixtures ----

    private void startConnected() {
        device.start();
        connector = connector(items());
        connector.start();
        awaitTrue(connector::isConnected, "connected");
    }

    private List<DataItemDefinition> items() {
        List<DataItemDefinition> items = new ArrayList<>();
        items.add(variable("setpoint", ValueType.DOUBLE, TemperatureControllerServer.SETPOINT));
        items.add(variable("setpointInteger", ValueType.INTEGER, TemperatureControllerServer.SETPOINT));
        items.add(variable("setpointText", ValueType.STRING, TemperatureControllerServer.SETPOINT));
        items.add(variable("temperatureMisdeclaredWritable", ValueType.DOUBLE, TemperatureControllerServer.TEMPERATURE));
        items.add(variable("missing", ValueType.DOUBLE, "NoSuchVariable"));
        items.add(new DataItemDefinition("mode", Category.EVENT, ValueType.STRING, null, false,
                OpcUaSource.node(TemperatureControllerServer.nodeId(TemperatureControllerServer.MODE))));
        items.add(new DataItemDefinition("overheat", Category.CONDITION, ValueType.CONDITION, null, false,
                OpcUaSource.node(TemperatureControllerServer.controllerNodeId())));
        items.add(method("setMode", ValueType.STRING, TemperatureControllerServer.SET_MODE));
        items.add(method("resetAlarm", ValueType.BOOLEAN, TemperatureControllerServer.RESET_ALARM));
        items.add(method("noSuchMethod", ValueType.BOOLEAN, "NoSuchMethod"));
        return items;
    }

    private static DataItemDefinition variable(String id, ValueType type, String browseName) {
        return new DataItemDefinition(id, Category.SAMPLE, type, null, true,
                OpcUaSource.node(TemperatureControllerServer.nodeId(browseName)));
    }

    private static DataItemDefinition method(String id, ValueType type, String browseName) {
        return new DataItemDefinition(id, Category.METHOD, type, null, false, OpcUaSource.method(
                TemperatureControllerServer.controllerNodeId(), TemperatureControllerServer.nodeId(browseName)));
    }

    private OpcUaConnector connector(List<DataItemDefinition> items) {
        asset = new AssetDefinition(ASSET_ID, "acme/plant1/area1/line1/cell1/" + ASSET_ID, "TemperatureController",
                new OpcUaConnection("opc.tcp://127.0.0.1:" + port + "/openfactory"), items);
        return new OpcUaConnector(asset, SOURCE, sink, SETTINGS);
    }

    /** Sends a command like the dispatcher would. */
    private CompletionStage<List<Value>> submit(String itemId, Value... arguments) {
        DataItemDefinition target = asset.dataItems().stream().filter(i -> i.id().equals(itemId)).findFirst()
                .orElseThrow();
        return connector.execute(new DeviceCommand("cmd-" + (++commands), asset, target, List.of(arguments)));
    }

    /** Sends a command and waits for its outputs. */
    private List<Value> execute(String itemId, Value... arguments) throws Exception {
        return submit(itemId, arguments).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static CommandRejectedException rejected(CompletionStage<List<Value>> result)
            throws InterruptedException, TimeoutException {
        try {
            List<Value> outputs = result.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a rejection, the command completed with " + outputs);
        } catch (ExecutionException e) {
            return assertInstanceOf(CommandRejectedException.class, e.getCause());
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
