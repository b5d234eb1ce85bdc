package org.openfactory.simulator.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated pump over real Modbus TCP, read and written with j2mod's master. */
@Timeout(30)
class PumpSimulatorTest {

    private int port;
    private PumpSimulator pump;
    private ModbusTCPMaster master;

    @BeforeEach
    void setUp() throws Exception {
        port = freePort();
        pump = new PumpSimulator("127.0.0.1", port, 1, Duration.ofMillis(50), 3L);
        pump.start();
        master = connect();
    }

    @AfterEach
    void tearDown() {
        master.disconnect();
        pump.close();
    }

    @Test
    void servesTheRegisterMapAndTheFlowFollowsTheSpeed() throws Exception {
        assertTrue(master.readCoils(1, PumpSimulator.COIL_RUN, 1).getBit(0), "runs from the start");
        assertFalse(master.readInputDiscretes(1, PumpSimulator.DISCRETE_INPUT_FAULT, 1).getBit(0));
        assertEquals(1450.0f, float32(master.readMultipleRegisters(1, PumpSimulator.HOLDING_SPEED_SETPOINT, 2)));

        // at 1450 of 2900 rpm the flow settles at half the rated 120 m3/h
        awaitTrue(() -> Math.abs(flow() - 60.0) < 0.5, "flow settles near 60 m3/h");
        InputRegister[] inputs = master.readInputRegisters(1, 0, 5);
        assertEquals(163, inputs[PumpSimulator.INPUT_PRESSURE].toShort(), "0.5 + 4.5 * 0.25 bar in 0.01 bar");
        assertEquals(1.63, pump.pressureBar(), 1e-9);
        long runSeconds = uint32(inputs, PumpSimulator.INPUT_RUN_SECONDS);
        awaitTrue(() -> pump.runSeconds() > runSeconds, "run time counts while running");
    }

    @Test
    void aClientStopsThePumpAndChangesItsSetpoint() throws Exception {
        master.writeMultipleRegisters(1, PumpSimulator.HOLDING_SPEED_SETPOINT, float32Registers(2900.0f));
        assertEquals(2900.0, pump.speedSetpoint());
        awaitTrue(() -> Math.abs(flow() - 120.0) < 1.0, "flow follows the new speed");

        master.writeCoil(1, PumpSimulator.COIL_RUN, false);
        assertFalse(pump.run());
        awaitTrue(() -> flow() == 0.0, "a stopped pump delivers nothing");
        long stoppedAt = pump.runSeconds();
        Thread.sleep(300);
        assertEquals(stoppedAt, pump.runSeconds(), "run time stands still while stopped");
        assertEquals(50, master.readInputRegisters(1, PumpSimulator.INPUT_PRESSURE, 1)[0].toShort(), "static 0.5 bar");
    }

    @Test
    void aFaultTripsThePumpAndShowsOnItsDiscreteInput() throws Exception {
        awaitTrue(() -> flow() > 10.0, "pump running");
        pump.setFault(true);
        assertTrue(master.readInputDiscretes(1, PumpSimulator.DISCRETE_INPUT_FAULT, 1).getBit(0));
        awaitTrue(() -> flow() == 0.0, "a tripped pump stops although run is still set");
        assertTrue(pump.run());
    }

    @Test
    void rawValuesInjectedWhileFrozenAreServedAsIs() throws Exception {
        pump.setFrozen(true);
        pump.setInputRegister(PumpSimulator.INPUT_PRESSURE, -5);
        pump.setHoldingRegister(10, 0xBEEF);
        Thread.sleep(200); // several update intervals
        assertEquals(-5, master.readInputRegisters(1, PumpSimulator.INPUT_PRESSURE, 1)[0].toShort());
        assertEquals(0xBEEF, master.readMultipleRegisters(1, 10, 1)[0].getValue());

        master.writeSingleRegister(1, 11, new SimpleRegister(1234));
        assertEquals(1234, pump.holdingRegister(11));
    }

    @Test
    void readsBeyondTheImageAndOtherUnitIdsAreRefusedWithIllegalDataAddress() throws Exception {
        ModbusSlaveException beyond = assertThrows(ModbusSlaveException.class,
                () -> master.readMultipleRegisters(1, PumpSimulator.HOLDING_REGISTERS - 1, 2));
        assertEquals(2, beyond.getType());
        ModbusSlaveException otherUnit = assertThrows(ModbusSlaveException.class,
                () -> master.readMultipleRegisters(7, 0, 2));
        assertEquals(2, otherUnit.getType());
        assertEquals(1450.0f, float32(master.readMultipleRegisters(1, 0, 2)), "the connection is still usable");
    }

    @Test
    void countsTheRangeRequestsItServes() throws Exception {
        long before = pump.rangeRequests();
        master.readInputRegisters(1, 0, 5);
        master.readCoils(1, 0, 8);
        assertEquals(before + 2, pump.rangeRequests());
    }

    @Test
    void restartsOnTheSamePortWithItsState() throws Exception {
        master.writeMultipleRegisters(1, PumpSimulator.HOLDING_SPEED_SETPOINT, float32Registers(1000.0f));
        master.disconnect();
        pump.close();
        pump.close(); // idempotent
        assertFalse(pump.isRunning());
        assertThrows(Exception.class, this::connect, "nothing listens while stopped");

        pump.start();
        master = connect();
        assertEquals(1000.0f, float32(master.readMultipleRegisters(1, PumpSimulator.HOLDING_SPEED_SETPOINT, 2)));
    }

    @Test
    void refusesAPortThatIsTaken() throws Exception {
        var other = new PumpSimulator("127.0.0.1", port, 1, Duration.ofMillis(50), 3L);
        try (var blocker = new ServerSocket()) {
            pump.close();
            blocker.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            IllegalStateException e = assertThrows(IllegalStateException.class, other::start);
            assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
        }
        other.start(); // the failed start left nothing behind
        other.close();
    }

    // ---- helpers ----

    private ModbusTCPMaster connect() throws Exception {
        var m = new ModbusTCPMaster("127.0.0.1", port, 2000, false);
        m.connect();
        m.setRetries(1);
        return m;
    }

    private double flow() {
        try {
            return float32(master.readInputRegisters(1, PumpSimulator.INPUT_FLOW, 2));
        } catch (ModbusException e) {
            throw new AssertionError(e);
        }
    }

    private static float float32(InputRegister[] registers) {
        return Float.intBitsToFloat(registers[0].getValue() << 16 | registers[1].getValue());
    }

    private static long uint32(InputRegister[] registers, int at) {
        return ((long) registers[at].getValue() << 16) | registers[at + 1].getValue();
    }

    private static Register[] float32Registers(float value) {
        int bits = Float.floatToIntBits(value);
        return new Register[] {new SimpleRegister(bits >>> 16), new SimpleRegister(bits & 0xFFFF)};
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
