package org.openfactory.ingestion.northbound.mtconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.ingestion.testsupport.LogCapture;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.openfactory.registry.asset.MtConnectConnection;
import org.openfactory.registry.asset.MtConnectSource;
import org.openfactory.simulator.mtconnect.MtConnectAgentServer;
import org.openfactory.simulator.mtconnect.RecordedObservation;
import org.openfactory.simulator.mtconnect.Reading;
import org.openfactory.simulator.mtconnect.Vmc3Axis;

/** Against the real simulated MTConnect agent over HTTP, in process, on a free port. */
@Timeout(60)
class MtConnectConnectorTest {

    private static final String ASSET_ID = "vmc-1";
    private static final URI SOURCE = URI.create("urn:openfactory:connector:mtconnect:vmc-1");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration HEARTBEAT = Duration.ofMillis(250);
    private static final MtConnectConnectorSettings SETTINGS = MtConnectConnectorSettings.defaults()
            .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(400))
            .withStream(Duration.ofMillis(10), HEARTBEAT, 1000)
            .withRequestTimeout(Duration.ofSeconds(3));

    private final CollectingSink sink = new CollectingSink();
    private final LogCapture log = new LogCapture("org.openfactory.ingestion.northbound.mtconnect");
    private int port;
    private MtConnectAgentServer agent;
    private MtConnectConnector connector;

    @BeforeEach
    void setUp() throws IOException {
        port = freePort();
    }

    @AfterEach
    void tearDown() {
        if (connector != null) {
            connector.close();
        }
        if (agent != null) {
            agent.close();
        }
        log.close();
    }

    // ---- 1, 3: probe, current, sample; types, categories, conditions, timestamps ----

    @Test
    void deliversTheBaselineThenStreamedChangesTypedAndTimestampedByTheAgent() {
        agent = startAgent(null, 4096);
        connector = connector(allItems(Vmc3Axis.NAME));
        assertFalse(connector.isConnected());
        connector.start();

        SampleObserved x = sink.await(s -> s.dataItemId().equals("Xact"));
        assertEquals(Category.SAMPLE, x.category());
        assertEquals("MILLIMETER", x.units(), "from the probe when the asset file gives none");
        assertInstanceOf(Value.Number.class, x.value());
        assertEquals(new Value.Text("AVAILABLE"), sink.await(s -> s.dataItemId().equals("avail")).value());
        assertEquals(Category.EVENT, sink.await(s -> s.dataItemId().equals("execution")).category());
        assertEquals(new Value.Integer(0), sink.await(s -> s.dataItemId().equals("partCount")).value());
        SampleObserved system = sink.await(s -> s.dataItemId().equals("system"));
        assertEquals(Category.CONDITION, system.category());
        assertEquals(new Value.Condition(ConditionLevel.NORMAL, null, null), system.value());
        awaitTrue(connector::isConnected, "connected while streaming");

        RecordedObservation warning = agent.injectCondition(Vmc3Axis.SYSTEM, "WARNING", "W210", "Spindle load high");
        SampleObserved warned = sink.await(s -> s.dataItemId().equals("system"));
        assertEquals(new Value.Condition(ConditionLevel.WARNING, "W210", "Spindle load high"), warned.value());
        assertEquals(warning.timestamp().truncatedTo(java.time.temporal.ChronoUnit.MICROS), warned.observedAt(),
                "the agent's timestamp");
        agent.injectCondition(Vmc3Axis.SYSTEM, "FAULT", "F7", "Coolant pressure < 2 bar");
        assertEquals(new Value.Condition(ConditionLevel.FAULT, "F7", "Coolant pressure < 2 bar"),
                sink.await(s -> s.dataItemId().equals("system")).value());
        agent.injectCondition(Vmc3Axis.SYSTEM, "UNAVAILABLE", null, null);
        assertEquals(new Value.Condition(ConditionLevel.UNAVAILABLE, null, null),
                sink.await(s -> s.dataItemId().equals("system")).value());

        agent.injectRaw(Vmc3Axis.X_ACT, "UNAVAILABLE");
        assertEquals(Value.UNAVAILABLE, sink.await(s -> s.dataItemId().equals("Xact")).value());
        agent.injectRaw(Vmc3Axis.PART_COUNT, "42");
        assertEquals(new Value.Integer(42), sink.await(s -> s.dataItemId().equals("partCount")).value());
        agent.injectRaw(Vmc3Axis.X_ACT, "123.456");
        SampleObserved moved = sink.await(s -> s.dataItemId().equals("Xact"));
        assertEquals(new Value.Number(123.456), moved.value());
        assertEquals(Category.SAMPLE, moved.category());
        assertTrue(connector.isConnected());
    }

    @Test
    void theDeviceMayBeNamedByItsUuidAndItemsMayBeBoolean() {
        agent = startAgent(null, 4096);
        connector = connector(List.of(
                item("program", Category.EVENT, ValueType.STRING, Vmc3Axis.PROGRAM),
                item("running", Category.EVENT, ValueType.BOOLEAN, Vmc3Axis.AVAIL)), Vmc3Axis.UUID);
        connector.start();
        assertEquals(new Value.Text("O1001"), sink.await(s -> s.dataItemId().equals("program")).value());
        awaitLog(Level.WARNING, "running");
        agent.injectRaw(Vmc3Axis.AVAIL, "true");
        assertEquals(new Value.Bool(true), sink.await(s -> s.dataItemId().equals("running")).value());
    }

    @Test
    void theExampleAssetFileReadsEveryItemOfTheSimulatedMachine() throws IOException {
        agent = startAgent(Duration.ofMillis(20), 4096);
        String yaml = Files.readString(Path.of("..", "examples", "assets", "vmc-1.yaml"))
                .replace("http://127.0.0.1:5000", agent.agentUrl());
        AssetDefinition example = AssetFileLoader.withDefaults().readText(Path.of("vmc-1.yaml"), yaml);
        connector = new MtConnectConnector(example, SOURCE, sink, SETTINGS);
        connector.start();
        for (DataItemDefinition item : example.dataItems()) {
            SampleObserved sample = sink.await(s -> s.dataItemId().equals(item.id()));
            assertEquals(item.category(), sample.category(), item.id());
            assertEquals(item.valueType(), sample.value().type(), item.id());
        }
        assertTrue(log.messages(Level.SEVERE, "is not read").isEmpty(), log.messages(Level.SEVERE, "").toString());
        awaitTrue(() -> sink.all().stream().anyMatch(s -> s.dataItemId().equals("xPosition")
                && s.value() instanceof Value.Number n && n.value() > 100), "the machine moves along X");
    }

    @Test
    void aDataItemTheAgentDoesNotHaveIsLoggedAndSkippedAndTheOthersWork() {
        agent = startAgent(null, 4096);
        List<DataItemDefinition> items = new ArrayList<>(allItems(Vmc3Axis.NAME).asset().dataItems());
        items.add(item("coolant", Category.SAMPLE, ValueType.DOUBLE, "coolantTemp"));
        connector = connector(items, Vmc3Axis.NAME);
        connector.start();

        awaitLog(Level.SEVERE, "coolant");
        String error = log.messages(Level.SEVERE, "coolant").get(0);
        assertTrue(error.contains(ASSET_ID) && error.contains("'coolantTemp'") && error.contains(agent.agentUrl()),
                error);
        sink.await(s -> s.dataItemId().equals("Xact"));
        agent.injectRaw(Vmc3Axis.X_ACT, "77.0");
        assertEquals(new Value.Number(77.0), sink.await(s -> s.dataItemId().equals("Xact")
                && s.value().equals(new Value.Number(77.0))).value());
        assertTrue(sink.all().stream().noneMatch(s -> s.dataItemId().equals("coolant")));
    }

    // ---- 2: sequence tracking ----

    @Test
    void resumesDroppedStreamsFromNextSequencePublishingEveryObservationOnceInOrder() throws Exception {
        agent = startAgent(null, 4096);
        connector = connector(allItems(Vmc3Axis.NAME));
        connector.start();
        awaitStreaming();
        int baseline = sink.all().size();
        long from = agent.lastSequence() + 1;
        long streamsBefore = agent.streamsOpened();

        for (int i = 1; i <= 60; i++) {
            agent.tick();
            if (i % 20 == 10) {
                agent.dropStreams(); // mid-part when the stream has something to send
            }
            Thread.sleep(5);
        }

        List<RecordedObservation> expected = agent.history(from);
        assertTrue(expected.size() > 200, "the machine kept changing: " + expected.size());
        awaitTrue(() -> sink.all().size() - baseline >= expected.size(), expected.size() + " samples after the "
                + "baseline");
        Thread.sleep(300); // a duplicate would arrive now
        assertPublishedExactlyOnceInOrder(expected, sink.all().subList(baseline, sink.all().size()));
        assertTrue(agent.streamsOpened() >= streamsBefore + 3, "the streams were dropped and resumed");
    }

    @Test
    void anAgentRestartIsDetectedByItsInstanceIdAndCurrentBecomesTheNewBaseline() throws Exception {
        agent = startAgent(null, 4096);
        connector = connector(allItems(Vmc3Axis.NAME));
        connector.start();
        awaitStreaming();
        for (int i = 0; i < 30; i++) {
            agent.tick();
        }
        long oldInstance = agent.instanceId();
        awaitTrue(() -> sink.all().stream().anyMatch(s -> s.observedAt().equals(micros(agent.history(
                agent.lastSequence()).get(0).timestamp()))), "caught up");

        agent.restart();
        long newInstance = agent.instanceId();
        assertNotEquals(oldInstance, newInstance);
        awaitLog(Level.WARNING, "restarted");
        String restarted = log.messages(Level.WARNING, "restarted").get(0);
        assertTrue(restarted.contains(oldInstance + " -> " + newInstance), restarted);
        awaitTrue(() -> !log.messages(Level.INFO, "instanceId " + newInstance).isEmpty(), "new baseline");
        awaitStreaming();

        int baseline = sink.all().size();
        long from = agent.lastSequence() + 1;
        for (int i = 0; i < 10; i++) {
            agent.tick();
        }
        List<RecordedObservation> expected = agent.history(from);
        awaitTrue(() -> sink.all().size() - baseline >= expected.size(), "samples after the restart");
        Thread.sleep(200);
        assertPublishedExactlyOnceInOrder(expected, sink.all().subList(baseline, sink.all().size()));
        assertTrue(log.messages(Level.WARNING, "a gap of").isEmpty(), "a restart is not reported as a gap");
    }

    @Test
    void observationsThatFellOutOfTheBufferAreLoggedAsAGapAndCurrentIsTheNewBaseline() throws Exception {
        agent = startAgent(null, 32);
        connector = connector(allItems(Vmc3Axis.NAME));
        connector.start();
        awaitStreaming();
        long from = agent.lastSequence() + 1;

        agent.close(); // unreachable; the machine goes on
        awaitTrue(() -> !connector.isConnected(), "not connected");
        for (int i = 0; i < 30; i++) {
            agent.tick();
        }
        long lost = agent.lastSequence() + 1 - from;
        assertTrue(agent.firstSequence() > from, "the buffer moved on");
        agent.start();

        awaitLog(Level.WARNING, "a gap of");
        String gap = log.messages(Level.WARNING, "a gap of").get(0);
        assertTrue(gap.contains(ASSET_ID) && gap.contains("a gap of " + lost + " observations")
                && gap.contains("observations " + from + " to " + (from + lost - 1)), gap);
        awaitStreaming();
        agent.injectRaw(Vmc3Axis.PROGRAM, "O2002");
        assertEquals(new Value.Text("O2002"), sink.await(s -> s.dataItemId().equals("program")
                && s.value().equals(new Value.Text("O2002"))).value());
    }

    // ---- 4: read-only ----

    @Test
    void commandsAreRejectedAsReadOnly() {
        agent = startAgent(null, 4096);
        connector = connector(allItems(Vmc3Axis.NAME));
        AssetDefinition asset = allItems(Vmc3Axis.NAME).asset();
        var command = new DeviceCommand("c-1", asset, asset.dataItem("program").orElseThrow(),
                List.of(new Value.Text("O9999")));
        var failure = assertThrows(CompletionException.class,
                () -> connector.execute(command).toCompletableFuture().join());
        var rejected = assertInstanceOf(CommandRejectedException.class, failure.getCause());
        assertEquals(FailureCode.READ_ONLY, rejected.code());
        assertTrue(rejected.getMessage().contains("program") && rejected.getMessage().contains("read-only"),
                rejected.getMessage());
    }

    // ---- 5: reconnect and availability ----

    @Test
    void anAgentStoppedMidStreamAndStartedAgainOnTheSamePortIsReadAgainWithoutRestartingTheConnector() {
        agent = startAgent(Duration.ofMillis(20), 4096);
        connector = connector(allItems(Vmc3Axis.NAME));
        connector.start();
        sink.await(s -> s.dataItemId().equals("Xact"));
        awaitTrue(connector::isConnected, "connected");

        agent.close();
        awaitTrue(() -> !connector.isConnected(), "not connected once the agent is gone");
        awaitLog(Level.WARNING, "cannot read from MTConnect agent");
        agent = startAgent(Duration.ofMillis(20), 4096); // the agent process again, on the same port
        Instant restarted = Instant.now();

        sink.await(s -> s.dataItemId().equals("Xact") && !s.observedAt().isBefore(restarted.minusMillis(5)));
        awaitTrue(connector::isConnected, "connected again");
    }

    @Test
    void heartbeatsKeepAQuietStreamAliveAndASilentOneIsReopened() throws Exception {
        agent = startAgent(null, 4096);
        connector = connector(allItems(Vmc3Axis.NAME));
        connector.start();
        awaitStreaming();
        long opened = agent.streamsOpened();
        Thread.sleep(HEARTBEAT.multipliedBy(6).toMillis()); // nothing changes; only heartbeats arrive
        assertTrue(connector.isConnected(), "heartbeats keep it connected");
        assertEquals(opened, agent.streamsOpened(), "and the stream open");

        agent.silenceStreams(true);
        awaitTrue(() -> !connector.isConnected(), "silent beyond three heartbeats: not connected");
        awaitLog(Level.WARNING, "no data and no heartbeat");
        awaitTrue(() -> agent.streamsOpened() > opened, "the stream is reopened");

        agent.silenceStreams(false);
        awaitStreaming();
        agent.injectRaw(Vmc3Axis.PROGRAM, "O3003");
        sink.await(s -> s.value().equals(new Value.Text("O3003")));
    }

    @Test
    void closeIsPromptAndIdempotentWhenTheAgentIsGone() {
        connector = connector(allItems(Vmc3Axis.NAME));
        connector.start(); // nothing listens: retries in the background
        awaitLog(Level.WARNING, "cannot read from MTConnect agent");
        assertFalse(connector.isConnected());

        long started = System.nanoTime();
        connector.close();
        connector.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3_000, "close took too long");
        assertFalse(connector.isConnected());
    }

    @Test
    void anUnknownDeviceIsReportedAndRetried() {
        agent = startAgent(null, 4096);
        connector = connector(List.of(item("program", Category.EVENT, ValueType.STRING, Vmc3Axis.PROGRAM)),
                "VMC-5Axis");
        connector.start();
        awaitLog(Level.WARNING, "no device named 'VMC-5Axis'");
        assertFalse(connector.isConnected());
    }

    // ---- 6: bad data ----

    @Test
    void corruptPartsUnreadableAndOutOfRangeValuesAreLoggedAndSkippedWhileStreamingGoesOn() throws Exception {
        agent = startAgent(null, 4096);
        List<DataItemDefinition> items = new ArrayList<>(allItems(Vmc3Axis.NAME).asset().dataItems());
        items.replaceAll(i -> i.id().equals("Xact") ? new DataItemDefinition("Xact", Category.SAMPLE,
                ValueType.DOUBLE, "MILLIMETER", new Limits(-10.0, 610.0), false, new MtConnectSource("Xact")) : i);
        connector = connector(items, Vmc3Axis.NAME);
        connector.start();
        awaitStreaming();
        long opened = agent.streamsOpened();

        agent.injectCorruptPart();
        awaitLog(Level.WARNING, "unreadable part");
        assertTrue(log.messages(Level.WARNING, "unreadable part").get(0).contains(ASSET_ID));

        agent.injectRaw(Vmc3Axis.X_ACT, "twelve");
        awaitLog(Level.WARNING, "'twelve'");
        String unreadable = log.messages(Level.WARNING, "'twelve'").get(0);
        assertTrue(unreadable.contains(ASSET_ID) && unreadable.contains("Xact") && unreadable.contains("DOUBLE"),
                unreadable);

        agent.injectRaw(Vmc3Axis.X_ACT, "9999.0");
        awaitLog(Level.WARNING, "9999.0");
        String outOfRange = log.messages(Level.WARNING, "9999.0").get(0);
        assertTrue(outOfRange.contains(ASSET_ID) && outOfRange.contains("Xact")
                && outOfRange.contains("outside its limits [-10.0, 610.0]"), outOfRange);
        agent.injectRaw(Vmc3Axis.X_ACT, "NaN");
        agent.injectRaw(Vmc3Axis.PART_COUNT, "3.5");

        agent.injectRaw(Vmc3Axis.X_ACT, "12.5");
        sink.await(s -> s.dataItemId().equals("Xact") && s.value().equals(new Value.Number(12.5)));
        agent.injectRaw(Vmc3Axis.PART_COUNT, "4");
        sink.await(s -> s.dataItemId().equals("partCount") && s.value().equals(new Value.Integer(4)));
        assertTrue(sink.all().stream().noneMatch(s -> s.dataItemId().equals("Xact") && s.value() instanceof Value.Number n
                && (n.value() > 610 || Double.isNaN(n.value()))), "bad values are not published");
        assertTrue(connector.isConnected());
        assertEquals(opened, agent.streamsOpened(), "the same stream went on");
    }

    // ---- fixtures ----

    private MtConnectAgentServer startAgent(Duration tick, int bufferSize) {
        var server = new MtConnectAgentServer("127.0.0.1", port, tick, bufferSize, 11L);
        server.start();
        return server;
    }

    private void awaitStreaming() {
        awaitTrue(() -> connector.isConnected() && agent.activeStreams() == 1, "streaming");
    }

    private record Items(AssetDefinition asset) {
    }

    /** Every data item of the simulated machine, under its agent id. */
    private Items allItems(String device) {
        List<DataItemDefinition> items = List.of(
                item("avail", Category.EVENT, ValueType.STRING, Vmc3Axis.AVAIL),
                item("Xact", Category.SAMPLE, ValueType.DOUBLE, Vmc3Axis.X_ACT),
                item("Yact", Category.SAMPLE, ValueType.DOUBLE, Vmc3Axis.Y_ACT),
                item("Zact", Category.SAMPLE, ValueType.DOUBLE, Vmc3Axis.Z_ACT),
                item("Sspeed", Category.SAMPLE, ValueType.DOUBLE, Vmc3Axis.SPINDLE_SPEED),
                item("mode", Category.EVENT, ValueType.STRING, Vmc3Axis.MODE),
                item("system", Category.CONDITION, ValueType.CONDITION, Vmc3Axis.SYSTEM),
                item("execution", Category.EVENT, ValueType.STRING, Vmc3Axis.EXECUTION),
                item("program", Category.EVENT, ValueType.STRING, Vmc3Axis.PROGRAM),
                item("partCount", Category.EVENT, ValueType.INTEGER, Vmc3Axis.PART_COUNT));
        return new Items(asset(items, device));
    }

    private MtConnectConnector connector(Items items) {
        return new MtConnectConnector(items.asset(), SOURCE, sink, SETTINGS);
    }

    private MtConnectConnector connector(List<DataItemDefinition> items, String device) {
        return new MtConnectConnector(asset(items, device), SOURCE, sink, SETTINGS);
    }

    private AssetDefinition asset(List<DataItemDefinition> items, String device) {
        return new AssetDefinition(ASSET_ID, "acme/plant1/machining/line1/cell1/" + ASSET_ID, "MachiningCenter",
                new MtConnectConnection("http://127.0.0.1:" + port, device), items);
    }

    private static DataItemDefinition item(String id, Category category, ValueType type, String agentItemId) {
        return new DataItemDefinition(id, category, type, null, false, new MtConnectSource(agentItemId));
    }

    /** Sample i is observation i of the agent's buffer: none missing, none twice, none out of order. */
    private static void assertPublishedExactlyOnceInOrder(List<RecordedObservation> expected,
                                                          List<SampleObserved> published) {
        for (int i = 0; i < Math.min(expected.size(), published.size()); i++) {
            assertEquals(asSample(expected.get(i)), key(published.get(i)), "sample " + i + " is not sequence "
                    + expected.get(i).sequence() + " of the agent (a gap or a duplicate before it)");
        }
        assertEquals(expected.size(), published.size(), "samples published for " + expected.size()
                + " observations");
    }

    /** What the connector must publish for an observation of the agent's buffer. */
    private static List<Object> asSample(RecordedObservation o) {
        Reading r = o.reading();
        DataItemDefinition item = new MtConnectConnectorTest().allItems(Vmc3Axis.NAME).asset()
                .dataItem(o.dataItemId()).orElseThrow();
        Value value;
        if (r.isCondition()) {
            value = new Value.Condition(ConditionLevel.valueOf(r.conditionLevel()), r.nativeCode(),
                    r.value().isEmpty() ? null : r.value());
        } else if (item.valueType() == ValueType.DOUBLE) {
            value = new Value.Number(Double.parseDouble(r.value()));
        } else if (item.valueType() == ValueType.INTEGER) {
            value = new Value.Integer(Long.parseLong(r.value()));
        } else {
            value = new Value.Text(r.value());
        }
        return List.of(o.dataItemId(), value, micros(o.timestamp()));
    }

    private static List<Object> key(SampleObserved s) {
        return List.of(s.dataItemId(), s.value(), s.observedAt());
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
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
                Thread.sleep(10);
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

        List<SampleObserved> all() {
            return List.copyOf(all);
        }
    }
}
