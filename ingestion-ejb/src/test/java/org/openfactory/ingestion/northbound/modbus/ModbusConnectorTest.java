package org.openfactory.ingestion.northbound.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openfactory.ingestion.northbound.modbus.PumpFixture.ASSET_ID;
import static org.openfactory.ingestion.northbound.modbus.PumpFixture.awaitTrue;
import static org.openfactory.ingestion.northbound.modbus.PumpFixture.register;
import static org.openfactory.registry.asset.ModbusSource.Order.BIG_ENDIAN;
import static org.openfactory.registry.asset.ModbusSource.Order.LITTLE_ENDIAN;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.testsupport.LogCapture;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.openfactory.registry.asset.ModbusSource;
import org.openfactory.registry.asset.ModbusSource.DataType;
import org.openfactory.registry.asset.ModbusSource.Table;
import org.openfactory.simulator.modbus.PumpSimulator;

/** Northbound: polling the real simulated pump (a j2mod Modbus TCP slave) in process, on a free port. */
@Timeout(30)
class ModbusConnectorTest {

    private PumpFixture fixture;
    private PumpSimulator pump;
    private CollectingSink sink;
    private final LogCapture log = new LogCapture("org.openfactory.ingestion.northbound.modbus");

    @BeforeEach
    void setUp() throws Exception {
        fixture = new PumpFixture();
        pump = fixture.pump;
        sink = fixture.sink;
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        log.close();
    }

    @Test
    void publishesEveryItemOnceAfterConnectingThenOnlyWhatChanged() {
        pump.setFrozen(true); // the pump at standstill, as constructed
        pump.start();
        Instant before = Instant.now();
        ModbusConnector connector = fixture.connector(fixture.examplePump(20));
        connector.start();

        Map<String, Value> first = awaitAll("run", "fault", "speedSetpoint", "flow", "pressure", "runHours");
        assertEquals(new Value.Bool(true), first.get("run"));
        assertEquals(new Value.Bool(false), first.get("fault"));
        assertEquals(new Value.Number(1450.0), first.get("speedSetpoint"));
        assertEquals(new Value.Number(0.0), first.get("flow"));
        assertEquals(0.5, ((Value.Number) first.get("pressure")).value(), 1e-9, "50 counts of 0.01 bar");
        assertEquals(new Value.Number(0.0), first.get("runHours"));
        assertTrue(connector.isConnected());
        SampleObserved flow = sink.of("flow").get(0);
        assertEquals(ASSET_ID, flow.assetId());
        assertEquals(Category.SAMPLE, flow.category());
        assertEquals("CUBIC_METER/HOUR", flow.units());
        assertFalse(flow.observedAt().isBefore(before) || flow.observedAt().isAfter(Instant.now()));
        assertEquals(List.of(PumpFixture.SOURCE), sink.sources().stream().distinct().toList());

        fixture.awaitRequests(4 * 5); // five more polls of four requests: nothing changed, nothing published
        assertEquals(6, sink.all().size(), sink.all().toString());

        pump.setInputRegister(PumpSimulator.INPUT_PRESSURE, 77);
        assertEquals(0.77, ((Value.Number) sink.await("pressure").value()).value(), 1e-9);
        fixture.awaitRequests(4 * 3);
        assertEquals(7, sink.all().size(), "only the changed item: " + sink.all());
    }

    @Test
    void valuesFollowTheRunningPump() {
        pump.start();
        fixture.connector(fixture.examplePump(50)).start();

        // the drive ramps to 1450 rpm: the flow rises to about 60 m3/h, the run time counts
        sink.await(s -> s.dataItemId().equals("flow") && ((Value.Number) s.value()).value() > 55.0);
        double hours = ((Value.Number) sink.await("runHours").value()).value();
        sink.await(s -> s.dataItemId().equals("runHours") && ((Value.Number) s.value()).value() > hours);

        pump.setRun(false);
        sink.await(s -> s.dataItemId().equals("run") && s.value().equals(new Value.Bool(false)));
        sink.await(s -> s.dataItemId().equals("flow") && s.value().equals(new Value.Number(0.0)));
    }

    @Test
    void adjacentItemsAreReadInOneRequestPerTable() {
        pump.setFrozen(true);
        pump.setInputRegister(10, 123);
        pump.start();
        // one poll only: the next one is a minute away
        AssetDefinition asset = fixture.examplePumpWith(60_000, register("spare", ValueType.INTEGER, false,
                ModbusSource.of(Table.INPUT_REGISTER, 10, DataType.INT16)));
        long before = pump.rangeRequests();
        fixture.connector(asset).start();

        awaitAll("run", "fault", "speedSetpoint", "flow", "pressure", "runHours", "spare");
        assertEquals(new Value.Integer(123), sink.of("spare").get(0).value());
        assertEquals(4, pump.rangeRequests() - before,
                "7 items in 4 requests: coil 0, discrete input 0, holding 0..1, input 0..10 (gap 5..9 read through)");
        assertFalse(log.messages(Level.INFO, "7 data items in 4 requests").isEmpty(), "the plan is logged");
    }

    @Test
    void decodesEveryTypeWithItsByteAndWordOrderAndScaling() {
        pump.setFrozen(true);
        int[] raw = {0xC7CF, 0xC822, 0x32EB, 0xF8A4, 0x0028, 0x6BEE, 0xF642, 0x79E9, 0x4009, 0x21FB, 0x5444, 0x2D18,
                0xFFFD};
        for (int i = 0; i < raw.length; i++) {
            pump.setHoldingRegister(10 + i, raw[i]);
        }
        pump.start();
        AssetDefinition asset = fixture.asset(1, 50, List.of(
                register("int16", ValueType.INTEGER, false, source(10, DataType.INT16, LITTLE_ENDIAN, BIG_ENDIAN, 1, 0)),
                register("uint16", ValueType.INTEGER, false, source(11, DataType.UINT16, BIG_ENDIAN, BIG_ENDIAN, 1, 0)),
                register("int32", ValueType.INTEGER, false,
                        source(12, DataType.INT32, BIG_ENDIAN, LITTLE_ENDIAN, 1, 0)),
                register("uint32", ValueType.DOUBLE, false,
                        source(14, DataType.UINT32, LITTLE_ENDIAN, LITTLE_ENDIAN, 0.001, 0)),
                register("float32", ValueType.DOUBLE, false,
                        source(16, DataType.FLOAT32, LITTLE_ENDIAN, BIG_ENDIAN, 1, 0)),
                register("float64", ValueType.DOUBLE, false, source(18, DataType.FLOAT64, BIG_ENDIAN, BIG_ENDIAN, 1, 0)),
                register("scaledInt", ValueType.INTEGER, false,
                        source(22, DataType.INT16, BIG_ENDIAN, BIG_ENDIAN, 10, 5))));
        long before = pump.rangeRequests();
        fixture.connector(asset).start();

        Map<String, Value> values = awaitAll("int16", "uint16", "int32", "uint32", "float32", "float64", "scaledInt");
        assertEquals(new Value.Integer(-12345), values.get("int16"));
        assertEquals(new Value.Integer(51234), values.get("uint16"));
        assertEquals(new Value.Integer(-123456789), values.get("int32"));
        assertEquals(4_000_000.0, ((Value.Number) values.get("uint32")).value(), 1e-6);
        assertEquals(new Value.Number(123.456f), values.get("float32"));
        assertEquals(new Value.Number(Math.PI), values.get("float64"));
        assertEquals(new Value.Integer(-25), values.get("scaledInt"), "-3 * 10 + 5");
        assertEquals(1, pump.rangeRequests() - before, "holding registers 10..22 in one request");
    }

    @Test
    void aRefusedBlockOnlyAffectsItsOwnItems() {
        pump.setFrozen(true);
        pump.start();
        DataItemDefinition missing = register("missing", ValueType.DOUBLE, false,
                ModbusSource.of(Table.HOLDING_REGISTER, 40, DataType.FLOAT32)); // the pump has 32 holding registers
        ModbusConnector connector = fixture.connector(fixture.examplePumpWith(20, missing));
        connector.start();

        assertEquals(Value.UNAVAILABLE, sink.await("missing").value());
        awaitAll("run", "fault", "speedSetpoint", "flow", "pressure", "runHours");
        String error = awaitLog(Level.SEVERE, "missing");
        for (String part : List.of(ASSET_ID, "unit 1", "HOLDING_REGISTER 40..41", "Modbus exception 2",
                "illegal data address")) {
            assertTrue(error.contains(part), part + " in: " + error);
        }

        pump.setInputRegister(PumpSimulator.INPUT_PRESSURE, 120);
        assertEquals(1.2, ((Value.Number) sink.await("pressure").value()).value(), 1e-9, "other blocks go on");
        pump.setSpeedSetpoint(1800.0);
        assertEquals(new Value.Number(1800.0), sink.await("speedSetpoint").value(), "also in the same table");
        fixture.awaitRequests(5 * 5);
        assertEquals(1, log.messages(Level.SEVERE, "missing").size(), "logged once, not every poll");
        assertEquals(1, sink.of("missing").size(), "UNAVAILABLE published once");
        assertTrue(connector.isConnected());
    }

    @Test
    void outOfRangeAndNonFiniteValuesAreSkippedAndWarnedOncePerRun() {
        pump.setFrozen(true);
        pump.start();
        fixture.connector(fixture.examplePump(20)).start();
        awaitAll("pressure", "flow");

        pump.setInputRegister(PumpSimulator.INPUT_PRESSURE, 1700); // 17 bar, limits 0..16
        String warning = awaitLog(Level.WARNING, "pressure");
        for (String part : List.of(ASSET_ID, "17.0", "[0.0, 16.0]")) {
            assertTrue(warning.contains(part), part + " in: " + warning);
        }
        pump.setInputRegister(PumpSimulator.INPUT_PRESSURE, 1800);
        pump.setInputRegister(PumpSimulator.INPUT_FLOW, 0x7FC0); // NaN
        awaitLog(Level.WARNING, "flow", "not a finite number");
        fixture.awaitRequests(4 * 5);
        assertEquals(1, log.messages(Level.WARNING, "pressure").size(), "once per run of bad values");
        assertEquals(1, log.messages(Level.WARNING, "flow").size());
        assertEquals(1, sink.of("pressure").size(), "nothing out of range published: " + sink.of("pressure"));
        assertEquals(1, sink.of("flow").size(), "no NaN published: " + sink.of("flow"));

        pump.setInputRegister(PumpSimulator.INPUT_PRESSURE, 300);
        assertEquals(3.0, ((Value.Number) sink.await(s -> s.dataItemId().equals("pressure")
                && !s.value().equals(new Value.Number(0.5))).value()).value(), 1e-9);
        pump.setInputRegister(PumpSimulator.INPUT_PRESSURE, 1900);
        awaitTrue(() -> log.messages(Level.WARNING, "pressure").size() == 2, "a new run of bad values warns again");
    }

    @Test
    void aWrongUnitIdIsRefusedByTheDeviceAndEveryItemIsUnavailable() {
        pump.start();
        ModbusConnector connector = fixture.connector(fixture.asset(7, 20, fixture.examplePump(20).dataItems()));
        connector.start();

        Map<String, Value> values = awaitAll("run", "fault", "speedSetpoint", "flow", "pressure", "runHours");
        assertTrue(values.values().stream().allMatch(Value.UNAVAILABLE::equals), values.toString());
        String error = awaitLog(Level.SEVERE, "flow");
        assertTrue(error.contains("unit 7") && error.contains("Modbus exception 2")
                && error.contains("another unit id"), error);
        assertTrue(connector.isConnected(), "the device answers, only not for this unit");
    }

    @Test
    void dataFlowsAgainAfterTheDeviceRestartsOnTheSamePort() {
        pump.start();
        ModbusConnector connector = fixture.connector(fixture.examplePump(20));
        connector.start();
        awaitAll("run", "speedSetpoint");

        pump.close();
        awaitTrue(() -> !connector.isConnected(), "the connector noticed the device is gone");
        awaitLog(Level.WARNING, "lost the connection to");
        fixture.awaitRequests(0);
        sink.clear();
        pump.setSpeedSetpoint(1234.0); // changed while away
        pump.start(); // same instance, same port: a rebooted device

        awaitTrue(connector::isConnected, "reconnected");
        assertEquals(new Value.Number(1234.0), sink.await("speedSetpoint").value());
        assertEquals(new Value.Bool(true), sink.await("run").value(), "every value once after a reconnect");
        awaitLog(Level.INFO, "connected to", "again");
    }

    @Test
    void connectsOnceTheDeviceComesUp() {
        ModbusConnector connector = fixture.connector(fixture.examplePump(20));
        connector.start(); // returns at once although nothing listens
        awaitLog(Level.WARNING, "cannot connect to", "modbus+tcp://127.0.0.1:" + fixture.port + "/1");
        assertFalse(connector.isConnected());

        pump.start();
        sink.await("run");
        assertTrue(connector.isConnected());
    }

    @Test
    void closeIsPromptAndIdempotent() {
        ModbusConnector connector = fixture.connector(fixture.examplePump(20));
        connector.start();
        awaitLog(Level.WARNING, "cannot connect to");

        long started = System.nanoTime();
        connector.close();
        connector.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2_000, "close took too long");
        assertFalse(connector.isConnected());
    }

    // ---- helpers ----

    private Map<String, Value> awaitAll(String... ids) {
        return List.of(ids).stream().collect(Collectors.toMap(id -> id, id -> sink.await(id).value()));
    }

    private String awaitLog(Level level, String... fragments) {
        awaitTrue(() -> !log.messages(level, fragments).isEmpty(), level + " log with " + List.of(fragments));
        return log.messages(level, fragments).get(0);
    }

    private static ModbusSource source(int address, DataType type, ModbusSource.Order byteOrder,
                                       ModbusSource.Order wordOrder, double scale, double offset) {
        return new ModbusSource(Table.HOLDING_REGISTER, address, type, byteOrder, wordOrder, scale, offset);
    }
}
