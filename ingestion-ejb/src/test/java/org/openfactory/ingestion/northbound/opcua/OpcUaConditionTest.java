package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.testsupport.CollectingSink;
import org.openfactory.ingestion.testsupport.LogCapture;
import org.openfactory.ingestion.testsupport.Ports;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.OpcUaConnection;
import org.openfactory.registry.asset.OpcUaSource;
import org.openfactory.simulator.opcua.TemperatureControllerServer;

/** CONDITION items from the simulated controller's real OPC UA alarm, in process, on a free port. */
@Timeout(60)
class OpcUaConditionTest {

    private static final String ASSET_ID = "tc-1";
    private static final URI SOURCE = URI.create("urn:openfactory:connector:opcua:tc-1");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final OpcUaConnectorSettings SETTINGS = OpcUaConnectorSettings.defaults()
            .withRetryDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
            .withSubscription(Duration.ofMillis(100), Duration.ofMillis(50), 10)
            .withRequestTimeout(Duration.ofSeconds(3));
    private static final String ALARM = TemperatureControllerServer.HIGH_TEMPERATURE_ALARM;

    private final CollectingSink sink = new CollectingSink(WAIT);
    private final LogCapture log = new LogCapture("org.openfactory.ingestion.northbound.opcua");
    private int port;
    private TemperatureControllerServer device;
    private OpcUaConnector connector;

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
        log.close();
    }

    @Test
    void theAlarmBecomesAFaultAndClearsToNormal() {
        device.start();
        connector = connector(List.of(overheat(), temperature()));
        connector.start();
        // no alarm active: the ConditionRefresh after subscribing says so
        assertEquals(new Value.Condition(ConditionLevel.NORMAL, null, null), awaitCondition().value());

        Instant raised = Instant.now();
        device.forceTemperature(95.0);
        SampleObserved fault = awaitCondition();
        Value.Condition condition = (Value.Condition) fault.value();
        assertEquals(ConditionLevel.FAULT, condition.level());
        assertEquals(ALARM, condition.nativeCode());
        assertTrue(condition.message().contains("95.0"), condition.message());
        assertEquals(Category.CONDITION, fault.category());
        assertFalse(fault.observedAt().isBefore(raised.minusSeconds(1)), "the event's Time: " + fault.observedAt());
        assertFalse(fault.observedAt().isAfter(Instant.now()));

        device.forceTemperature(50.0);
        SampleObserved cleared = awaitCondition();
        assertEquals(ConditionLevel.NORMAL, ((Value.Condition) cleared.value()).level());
        assertEquals(ALARM, ((Value.Condition) cleared.value()).nativeCode());
        assertTrue(cleared.observedAt().isAfter(fault.observedAt()));
        sink.await(s -> s.dataItemId().equals("temperature")); // variables keep flowing alongside events
    }

    @Test
    void anAlarmActiveBeforeTheConnectorStartsArrivesByConditionRefresh() {
        device.start();
        device.forceTemperature(95.0);
        connector = connector(List.of(overheat()));
        connector.start();

        Value.Condition condition = (Value.Condition) awaitCondition().value();
        assertEquals(ConditionLevel.FAULT, condition.level());
        assertEquals(ALARM, condition.nativeCode());
    }

    @Test
    void conditionsSurviveADeviceRestart() {
        device.start();
        device.forceTemperature(95.0);
        connector = connector(List.of(overheat()));
        connector.start();
        assertEquals(ConditionLevel.FAULT, level(awaitCondition()));

        device.close();
        awaitTrue(() -> !connector.isConnected(), "connector noticed the device is gone");
        sink.clear();
        device.start(); // same device state: the alarm is still active

        assertEquals(ConditionLevel.FAULT, level(awaitCondition()), "re-sent by the refresh after re-subscribing");
        device.forceTemperature(50.0);
        assertEquals(ConditionLevel.NORMAL, level(awaitCondition()), "events flow on the re-created item");
    }

    @Test
    void anAlarmThatClearedWhileTheDeviceWasDownIsNormalAfterTheRestart() {
        device.start();
        device.forceTemperature(95.0);
        connector = connector(List.of(overheat()));
        connector.start();
        assertEquals(ConditionLevel.FAULT, level(awaitCondition()));

        device.close();
        awaitTrue(() -> !connector.isConnected(), "connector noticed the device is gone");
        device.forceTemperature(40.0); // cleared while nobody watched
        device.start();

        assertEquals(ConditionLevel.NORMAL, level(awaitCondition()));
    }

    @Test
    void aNodeThatIsNoEventNotifierIsReportedAndTheOtherItemsFlow() {
        device.start();
        connector = connector(List.of(overheat(),
                new DataItemDefinition("notANotifier", Category.CONDITION, ValueType.CONDITION, null, false,
                        OpcUaSource.node(TemperatureControllerServer.nodeId(TemperatureControllerServer.TEMPERATURE))),
                new DataItemDefinition("garbled", Category.CONDITION, ValueType.CONDITION, null, false,
                        OpcUaSource.node("ns=two;x"))));
        connector.start();

        awaitTrue(() -> !log.messages(Level.SEVERE, "notANotifier").isEmpty(), "the rejected item is reported");
        assertTrue(log.messages(Level.SEVERE, "garbled").get(0).contains("ns=two;x"));
        device.forceTemperature(95.0);
        SampleObserved fault = sink.await(s -> s.dataItemId().equals("overheat")
                && level(s) == ConditionLevel.FAULT);
        assertEquals(ALARM, ((Value.Condition) fault.value()).nativeCode());
        assertTrue(sink.all().stream().noneMatch(s -> s.dataItemId().equals("notANotifier")));
    }

    @Test
    void eventTypeNamesAreReadFromTheDeviceOnce() throws Exception {
        device.start();
        OpcUaClient client = OpcUaClient.create(device.endpointUrl());
        client.connect();
        try {
            var names = new EventTypeNames(client);
            assertEquals("NonExclusiveDeviationAlarmType", names.browseName(NodeIds.NonExclusiveDeviationAlarmType)
                    .toCompletableFuture().get());
            assertEquals("SystemEventType", names.browseName(NodeIds.SystemEventType).toCompletableFuture().get());
            NodeId unknown = NodeId.parse("ns=2;s=NoSuchType");
            assertEquals("ns=2;s=NoSuchType", names.browseName(unknown).toCompletableFuture().get(),
                    "a name that cannot be read falls back to the node id");
        } finally {
            client.disconnect();
        }
    }

    // ---- fixtures ----

    private OpcUaConnector connector(List<DataItemDefinition> items) {
        var asset = new AssetDefinition(ASSET_ID, "acme/plant1/area1/line1/cell1/" + ASSET_ID,
                "TemperatureController", new OpcUaConnection("opc.tcp://127.0.0.1:" + port + "/openfactory"),
                items);
        return new OpcUaConnector(asset, SOURCE, sink, SETTINGS);
    }

    private static DataItemDefinition overheat() {
        return new DataItemDefinition("overheat", Category.CONDITION, ValueType.CONDITION, null, false,
                OpcUaSource.node(TemperatureControllerServer.controllerNodeId()));
    }

    private static DataItemDefinition temperature() {
        return new DataItemDefinition("temperature", Category.SAMPLE, ValueType.DOUBLE, "CELSIUS", false,
                OpcUaSource.node(TemperatureControllerServer.nodeId(TemperatureControllerServer.TEMPERATURE)));
    }

    private SampleObserved awaitCondition() {
        return sink.await(s -> s.dataItemId().equals("overheat"));
    }

    private static ConditionLevel level(SampleObserved sample) {
        return ((Value.Condition) sample.value()).level();
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
