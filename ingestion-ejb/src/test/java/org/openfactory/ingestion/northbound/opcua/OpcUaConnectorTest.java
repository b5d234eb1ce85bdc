package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.openfactory.simulator.opcua.TemperatureControllerServer.HEATER_ON;
import static org.openfactory.simulator.opcua.TemperatureControllerServer.MODE;
import static org.openfactory.simulator.opcua.TemperatureControllerServer.SETPOINT;
import static org.openfactory.simulator.opcua.TemperatureControllerServer.TEMPERATURE;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.ingestion.testsupport.LogCapture;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.MtConnectSource;
import org.openfactory.registry.asset.OpcUaConnection;
import org.openfactory.registry.asset.OpcUaSource;
import org.openfactory.simulator.opcua.TemperatureControllerServer;

/** Against the real simulated device, in process, on a free port. */
@Timeout(30)
class OpcUaConnectorTest {

    private static final String ASSET_ID = "tc-1";
    private static final URI SOURCE = URI.create("urn:openfactory:connector:opcua:tc-1");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final OpcUaConnectorSettings SETTINGS = OpcUaConnectorSettings.defaults()
            .withRetryDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
            .withSubscription(Duration.ofMillis(100), Duration.ofMillis(50), 10)
            .withRequestTimeout(Duration.ofSeconds(3));

    private final CollectingSink sink = new CollectingSink();
    private final LogCapture log = new LogCapture("org.openfactory.ingestion.northbound.opcua");
    private int port;
    private TemperatureControllerServer device;
    private OpcUaConnector connector;

    @BeforeEach
    void setUp() throws IOException {
        port = freePort();
        device = newDevice();
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
    void connectsOnceTheDeviceComesUpAndDeliversTimestampedSamples() {
        connector = connector(standardItems());
        connector.start(); // must not block although nothing listens yet
        awaitLog(Level.WARNING, "cannot connect");
        assertFalse(connector.isConnected());

        Instant deviceStart = Instant.now();
        device.start();

        SampleObserved first = sink.await(s -> s.dataItemId().equals("temperature"));
        SampleObserved second = sink.await(s -> s.dataItemId().equals("temperature")
                && !s.value().equals(first.value()));
        assertTrue(connector.isConnected());
        for (SampleObserved s : List.of(first, second)) {
            assertEquals(ASSET_ID, s.assetId());
            assertEquals(Category.SAMPLE, s.category());
            assertEquals("CELSIUS", s.units());
            assertTrue(s.value() instanceof Value.Number, s.value().toString());
            assertFalse(s.observedAt().isBefore(deviceStart.minusSeconds(1)), s.observedAt().toString());
            assertFalse(s.observedAt().isAfter(Instant.now()), s.observedAt().toString());
        }
        assertTrue(second.observedAt().isAfter(first.observedAt()), "device timestamps advance");
        assertEquals(new Value.Text("AUTO"), sink.await(s -> s.dataItemId().equals("mode")).value());
    }

    @Test
    void deviceSideSetpointChangeBecomesASample() {
        device.start();
        connector = connector(standardItems());
        connector.start();
        assertEquals(new Value.Number(60.0), sink.await(s -> s.dataItemId().equals("setpoint")).value());

        device.setSetpoint(72.5);

        SampleObserved changed = sink.await(s -> s.dataItemId().equals("setpoint")
                && s.value().equals(new Value.Number(72.5)));
        assertEquals(Category.SAMPLE, changed.category());
    }

    @Test
    void aDeadbandFromTheAssetFileFiltersSmallChangesOnTheDevice() throws InterruptedException {
        device.start();
        connector = connector(List.of(new DataItemDefinition("setpoint", Category.SAMPLE, ValueType.DOUBLE, null,
                false, new OpcUaSource(TemperatureControllerServer.nodeId(SETPOINT), null, null, null, null, null,
                        5.0))));
        connector.start();
        assertEquals(new Value.Number(60.0), sink.await(s -> s.dataItemId().equals("setpoint")).value());

        device.setSetpoint(62.0); // within the deadband: the device does not report it
        Thread.sleep(1_000); // several sampling and publishing intervals, so 62 would be reported without the filter
        device.setSetpoint(70.0);

        assertEquals(new Value.Number(70.0), sink.await(s -> s.dataItemId().equals("setpoint")).value(),
                "the next reported value is the one past the deadband");
    }

    @Test
    void mismatchedOrUnboundItemsAreSkippedAndTheOthersKeepFlowing() {
        device.start();
        List<DataItemDefinition> items = new ArrayList<>(standardItems());
        items.add(item("mode-as-double", Category.EVENT, ValueType.DOUBLE, MODE));
        items.add(item("heater-as-integer", Category.EVENT, ValueType.INTEGER, HEATER_ON));
        items.add(new DataItemDefinition("by-browse-path", Category.EVENT, ValueType.STRING, null, false,
                OpcUaSource.browse("/Objects/2:TemperatureController/2:Mode")));
        items.add(new DataItemDefinition("other-protocol", Category.EVENT, ValueType.STRING, null, false,
                new MtConnectSource("mode")));
        items.add(new DataItemDefinition("a-method", Category.METHOD, ValueType.BOOLEAN, null, false,
                OpcUaSource.method("ns=2;s=TemperatureController", "ns=2;s=TemperatureController/Start")));
        items.add(new DataItemDefinition("garbled-node", Category.EVENT, ValueType.STRING, null, false,
                OpcUaSource.node("ns=two;TemperatureController")));
        items.add(item("unknown-node", Category.EVENT, ValueType.STRING, "NoSuchVariable"));
        connector = connector(items);
        connector.start();

        awaitLog(Level.WARNING, "mode-as-double");
        String warning = log.messages(Level.WARNING, "mode-as-double").get(0);
        assertTrue(warning.contains(ASSET_ID) && warning.contains(TemperatureControllerServer.nodeId(MODE))
                && warning.contains("\"AUTO\"") && warning.contains("DOUBLE"), warning);
        awaitLog(Level.WARNING, "heater-as-integer");
        assertTrue(log.messages(Level.SEVERE, "by-browse-path").get(0).contains("browsePath not supported yet"));
        assertTrue(log.messages(Level.SEVERE, "other-protocol").get(0).contains("mtconnect mapping"));
        assertTrue(log.messages(Level.SEVERE, "a-method").isEmpty(), "methods are not monitored, and not an error");
        assertTrue(log.messages(Level.SEVERE, "garbled-node").get(0).contains("ns=two;TemperatureController"));
        awaitLog(Level.SEVERE, "unknown-node");

        sink.clear();
        sink.await(s -> s.dataItemId().equals("temperature"));
        sink.await(s -> s.dataItemId().equals("temperature"));
        device.setSetpoint(61.0);
        sink.await(s -> s.dataItemId().equals("setpoint") && s.value().equals(new Value.Number(61.0)));
        assertTrue(connector.isConnected());
        assertTrue(sink.all().stream().noneMatch(s -> s.dataItemId().equals("mode-as-double")
                || s.dataItemId().equals("heater-as-integer") || s.dataItemId().equals("unknown-node")));
    }

    @Test
    void samplesFlowAgainAfterTheDeviceRestartsOnTheSamePort() {
        device.start();
        connector = connector(standardItems());
        connector.start();
        sink.await(s -> s.dataItemId().equals("temperature"));

        device.close();
        awaitTrue(() -> !connector.isConnected(), "connector noticed the device is gone");
        device = newDevice(); // a rebooted device: fresh server, setpoint back to 60
        device.start();

        sink.clear();
        sink.await(s -> s.dataItemId().equals("temperature"));
        device.setSetpoint(80.0);
        sink.await(s -> s.dataItemId().equals("setpoint") && s.value().equals(new Value.Number(80.0)));
        assertTrue(connector.isConnected());
    }

    @Test
    void closeIsPromptAndIdempotentWhenTheDeviceIsGone() {
        connector = connector(standardItems());
        connector.start();
        awaitLog(Level.WARNING, "cannot connect");

        long started = System.nanoTime();
        connector.close();
        connector.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3_000, "close took too long");
        assertFalse(connector.isConnected());
    }

    // ---- fixtures ----

    private TemperatureControllerServer newDevice() {
        return new TemperatureControllerServer("127.0.0.1", port, Duration.ofMillis(100), 11L);
    }

    private OpcUaConnector connector(List<DataItemDefinition> items) {
        var asset = new AssetDefinition(ASSET_ID, "acme/plant1/area1/line1/cell1/" + ASSET_ID,
                "TemperatureController", new OpcUaConnection("opc.tcp://127.0.0.1:" + port + "/openfactory"),
                items);
        return new OpcUaConnector(asset, SOURCE, sink, SETTINGS);
    }

    private static List<DataItemDefinition> standardItems() {
        return List.of(
                new DataItemDefinition("temperature", Category.SAMPLE, ValueType.DOUBLE, "CELSIUS", false,
                        OpcUaSource.node(TemperatureControllerServer.nodeId(TEMPERATURE))),
                item("setpoint", Category.SAMPLE, ValueType.DOUBLE, SETPOINT),
                item("heater", Category.EVENT, ValueType.BOOLEAN, HEATER_ON),
                item("mode", Category.EVENT, ValueType.STRING, MODE));
    }

    private static DataItemDefinition item(String id, Category category, ValueType type, String browseName) {
        return new DataItemDefinition(id, category, type, null, false,
                OpcUaSource.node(TemperatureControllerServer.nodeId(browseName)));
    }

    private void awaitLog(Level level, String fragment) {
        awaitTrue(() -> !log.messages(level, fragment).isEmpty(), level + " log containing '" + fragment + "'");
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

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Keeps every sample; {@link #await} takes the oldest matching one not taken yet, waiting with a bound. */
    private static final class CollectingSink implements SampleSink {
        private final List<SampleObserved> pending = new ArrayList<>();
        private final List<SampleObserved> all = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void accept(URI source, SampleObserved sample) {
            assertEquals(SOURCE, source);
            pending.add(sample);
            all.add(sample);
            notifyAll();
        }

        synchronized SampleObserved await(Predicate<SampleObserved> wanted) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                for (var it = pending.iterator(); it.hasNext(); ) {
                    SampleObserved next = it.next();
                    if (wanted.test(next)) {
                        it.remove();
                        return next;
                    }
                }
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    fail("no matching sample within " + WAIT + "; received " + all.size() + " in total");
                }
                try {
                    wait(leftMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        synchronized void clear() {
            pending.clear();
            all.clear();
        }

        List<SampleObserved> all() {
            return List.copyOf(all);
        }
    }
}
