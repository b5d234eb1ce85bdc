package org.openfactory.ingestion.southbound.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openfactory.ingestion.northbound.modbus.PumpFixture.ASSET_ID;
import static org.openfactory.ingestion.northbound.modbus.PumpFixture.register;
import static org.openfactory.registry.asset.ModbusSource.Order.BIG_ENDIAN;
import static org.openfactory.registry.asset.ModbusSource.Order.LITTLE_ENDIAN;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.modbus.CollectingSink;
import org.openfactory.ingestion.northbound.modbus.ModbusConnector;
import org.openfactory.ingestion.northbound.modbus.PumpFixture;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.ModbusSource;
import org.openfactory.registry.asset.ModbusSource.DataType;
import org.openfactory.registry.asset.ModbusSource.Table;
import org.openfactory.simulator.modbus.PumpSimulator;

/**
 * Southbound: commands written through the connector to the real simulated pump, read back in the pump's own
 * registers and seen again northbound.
 */
@Timeout(30)
class ModbusCommandWriterTest {

    private static final DataItemDefinition TENTHS = register("tenths", ValueType.DOUBLE, true,
            source(10, DataType.INT16, BIG_ENDIAN, BIG_ENDIAN, 0.1, 0));
    private static final DataItemDefinition COUNTER = register("counter", ValueType.INTEGER, true,
            source(12, DataType.INT32, BIG_ENDIAN, LITTLE_ENDIAN, 1, 0));
    private static final DataItemDefinition TOTAL = register("total", ValueType.DOUBLE, true,
            source(14, DataType.FLOAT64, LITTLE_ENDIAN, LITTLE_ENDIAN, 1, 0));
    private static final DataItemDefinition SMALL = register("small", ValueType.INTEGER, true,
            source(18, DataType.UINT16, BIG_ENDIAN, BIG_ENDIAN, 1, 0));
    private static final DataItemDefinition OFFSET = register("offset", ValueType.DOUBLE, true,
            source(19, DataType.UINT16, BIG_ENDIAN, BIG_ENDIAN, 0.5, -100));
    private static final DataItemDefinition MISSING = register("missing", ValueType.INTEGER, true,
            source(40, DataType.INT16, BIG_ENDIAN, BIG_ENDIAN, 1, 0)); // the pump has 32 holding registers

    private PumpFixture fixture;
    private PumpSimulator pump;
    private CollectingSink sink;
    private ModbusConnector connector;
    private AssetDefinition asset;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new PumpFixture();
        pump = fixture.pump;
        sink = fixture.sink;
        pump.setFrozen(true);
        asset = fixture.examplePumpWith(50, TENTHS, COUNTER, TOTAL, SMALL, OFFSET, MISSING);
        connector = fixture.connector(asset);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aCoilFollowsABooleanCommand() throws Exception {
        startConnected();
        assertEquals(List.of(), write("run", new Value.Bool(false)));
        assertFalse(pump.run());
        assertEquals(new Value.Bool(false), sink.await("run").value());

        write("run", new Value.Bool(true));
        assertTrue(pump.run());
        assertEquals(new Value.Bool(true), sink.await("run").value());
    }

    @Test
    void aFloat32SetpointLandsInBothRegisters() throws Exception {
        startConnected();
        write("speedSetpoint", new Value.Number(2000.5));
        assertEquals(2000.5, pump.speedSetpoint());
        sink.await(s -> s.dataItemId().equals("speedSetpoint") && s.value().equals(new Value.Number(2000.5)));
    }

    @Test
    void registersAreEncodedAsTheItemDeclaresThem() throws Exception {
        startConnected();
        write("tenths", new Value.Number(12.34)); // raw 123.4 rounds to 123
        assertEquals(123, pump.holdingRegister(10));
        assertEquals(12.3, ((Value.Number) sink.await(s -> s.dataItemId().equals("tenths")
                && !s.value().equals(new Value.Number(0.0))).value()).value(), 1e-9);

        write("tenths", new Value.Number(-0.26)); // raw -2.6 rounds to -3, two's complement
        assertEquals(0xFFFD, pump.holdingRegister(10));

        write("counter", new Value.Integer(-123456789)); // words swapped
        assertArrayEquals(new int[] {0x32EB, 0xF8A4}, registers(12, 2));
        assertEquals(new Value.Integer(-123456789), sink.await(s -> s.dataItemId().equals("counter")
                && !s.value().equals(new Value.Integer(0))).value());

        write("total", new Value.Number(Math.PI)); // bytes and words swapped
        assertArrayEquals(new int[] {0x182D, 0x4454, 0xFB21, 0x0940}, registers(14, 4));
        assertEquals(new Value.Number(Math.PI), sink.await(s -> s.dataItemId().equals("total")
                && !s.value().equals(new Value.Number(0.0))).value());

        write("offset", new Value.Number(0.0)); // raw (0 - -100) / 0.5
        assertEquals(200, pump.holdingRegister(19));
    }

    @Test
    void aValueThatDoesNotFitTheRegisterIsRejectedAndNothingIsWritten() throws Exception {
        startConnected();
        pump.setHoldingRegister(18, 7);
        CommandRejectedException tooBig = rejected("small", new Value.Integer(70_000));
        assertEquals(FailureCode.BAD_ARGUMENTS, tooBig.code());
        for (String part : List.of(ASSET_ID, "small", "70000", "UINT16", "0..65535")) {
            assertTrue(tooBig.getMessage().contains(part), part + " in: " + tooBig.getMessage());
        }
        assertEquals(FailureCode.BAD_ARGUMENTS, rejected("small", new Value.Integer(-1)).code());
        assertEquals(7, pump.holdingRegister(18));

        CommandRejectedException scaled = rejected("offset", new Value.Number(32_700.0));
        assertTrue(scaled.getMessage().contains("-100..32667.5") && scaled.getMessage().contains("scale 0.5"),
                "the range in engineering units: " + scaled.getMessage());

        CommandRejectedException nan = rejected("total", new Value.Number(Double.NaN));
        assertEquals(FailureCode.BAD_ARGUMENTS, nan.code());
        CommandRejectedException limits = rejected("speedSetpoint", new Value.Number(5000.0)); // limits 0..3600
        assertTrue(limits.getMessage().contains("limits"), limits.getMessage());
        assertEquals(1450.0, pump.speedSetpoint());
    }

    @Test
    void aModbusExceptionFromTheDeviceIsADeviceError() throws Exception {
        startConnected();
        CommandRejectedException e = rejected("missing", new Value.Integer(1));
        assertEquals(FailureCode.DEVICE_ERROR, e.code());
        for (String part : List.of(ASSET_ID, "missing", "HOLDING_REGISTER 40", "Modbus exception 2")) {
            assertTrue(e.getMessage().contains(part), part + " in: " + e.getMessage());
        }
        write("run", new Value.Bool(false)); // the connection is still good
        assertTrue(connector.isConnected());
    }

    @Test
    void withoutAConnectionACommandIsRejectedAtOnce() {
        connector.start(); // the pump is not started
        CommandRejectedException e = rejected("run", new Value.Bool(false));
        assertEquals(FailureCode.NOT_CONNECTED, e.code());
        assertTrue(e.getMessage().contains(ASSET_ID) && e.getMessage().contains("run"), e.getMessage());
    }

    @Test
    void readOnlyTablesAreRefused() throws Exception {
        startConnected();
        // the dispatcher never sends this (the validator forbids writable inputs); the writer refuses it anyway
        assertEquals(FailureCode.READ_ONLY, rejected("flow", new Value.Number(1.0)).code());
    }

    // ---- helpers ----

    private void startConnected() {
        pump.start();
        connector.start();
        PumpFixture.awaitTrue(connector::isConnected, "connected");
        sink.await("run");
    }

    private List<Value> write(String itemId, Value value) throws Exception {
        return connector.execute(command(itemId, value)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private CommandRejectedException rejected(String itemId, Value value) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> write(itemId, value));
        return assertInstanceOf(CommandRejectedException.class, e.getCause());
    }

    private DeviceCommand command(String itemId, Value value) {
        return new DeviceCommand("cmd-" + itemId, asset, asset.dataItem(itemId).orElseThrow(), List.of(value));
    }

    private int[] registers(int from, int count) {
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = pump.holdingRegister(from + i);
        }
        return words;
    }

    private static ModbusSource source(int address, DataType type, ModbusSource.Order byteOrder,
                                       ModbusSource.Order wordOrder, double scale, double offset) {
        return new ModbusSource(Table.HOLDING_REGISTER, address, type, byteOrder, wordOrder, scale, offset);
    }
}
