package org.openfactory.simulator.modbus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual centrifugal pump behind a real j2mod Modbus TCP slave. Its register map (zero-based addresses, 32-bit
 * values big-endian in bytes and words):
 * <pre>
 * coil             0     run            the run command, writable
 * discrete input   0     fault          a tripped pump: it stops whatever the run command says
 * holding register 0-1   speedSetpoint  FLOAT32 rpm, writable
 * input register   0-1   flow           FLOAT32 m3/h, follows the speed
 * input register   2     pressure       INT16, 0.01 bar per count
 * input register   3-4   runHours       UINT32, seconds the shaft has turned (scale 1/3600 for hours)
 * </pre>
 * The image is larger than the map ({@value #COILS} coils and discrete inputs, {@value #HOLDING_REGISTERS} holding
 * and {@value #INPUT_REGISTERS} input registers, the unused ones zero) as on real devices, whose spare and
 * configuration registers tests use for other data types. A read beyond the image gets exception 2 (illegal data
 * address); a request for another unit id too, since the slave hosts only its own.
 *
 * <p>{@link #start()} and {@link #close()} may alternate on the same instance (a device reboot): the registers and
 * the pump's state survive, the port is released on close and bound again on start. j2mod closes a client's open
 * connection only after answering one more request (with exception 2), so a client sees the stop one request late.
 */
public final class PumpSimulator implements AutoCloseable {

    public static final int DEFAULT_PORT = 5020;
    public static final int DEFAULT_UNIT_ID = 1;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofMillis(200);

    public static final int COIL_RUN = 0;
    public static final int DISCRETE_INPUT_FAULT = 0;
    public static final int HOLDING_SPEED_SETPOINT = 0;
    public static final int INPUT_FLOW = 0;
    public static final int INPUT_PRESSURE = 2;
    public static final int INPUT_RUN_SECONDS = 3;
    public static final double PRESSURE_SCALE = 0.01;

    public static final int COILS = 16;
    public static final int DISCRETE_INPUTS = 16;
    public static final int HOLDING_REGISTERS = 32;
    public static final int INPUT_REGISTERS = 32;

    public static final double INITIAL_SPEED_SETPOINT = 1450.0;

    private static final int CONNECTION_POOL = 8;
    private static final Logger LOG = LoggerFactory.getLogger(PumpSimulator.class);

    private final String bindAddress;
    private final int port;
    private final int unitId;
    private final Duration updateInterval;
    private final PumpModel model;
    private final CountingProcessImage image;
    private final Bit run = new Bit();
    private final Bit fault = new Bit();
    private final Object lifecycleLock = new Object();
    private volatile boolean frozen;
    /** Set while started. */
    private ModbusSlave slave;
    private ScheduledExecutorService updater;

    public PumpSimulator(int port) {
        this(DEFAULT_BIND_ADDRESS, port);
    }

    public PumpSimulator(String bindAddress, int port) {
        this(bindAddress, port, DEFAULT_UNIT_ID, DEFAULT_UPDATE_INTERVAL, 42L);
    }

    /**
     * @param seed seeds the flow noise, so runs are reproducible
     */
    public PumpSimulator(String bindAddress, int port, int unitId, Duration updateInterval, long seed) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("unitId must be 0..255: " + unitId);
        }
        if (updateInterval.isNegative() || updateInterval.isZero()) {
            throw new IllegalArgumentException("updateInterval must be positive: " + updateInterval);
        }
        this.port = port;
        this.unitId = unitId;
        this.updateInterval = updateInterval;
        this.model = new PumpModel(seed);
        this.image = newImage(unitId);
        run.set(true);
        writeFloat32(HOLDING_SPEED_SETPOINT, (float) INITIAL_SPEED_SETPOINT, true);
        publish(model.snapshot());
    }

    private CountingProcessImage newImage(int unit) {
        var processImage = new CountingProcessImage(unit);
        for (int i = 0; i < COILS; i++) {
            processImage.addDigitalOut(i == COIL_RUN ? run : new Bit());
        }
        for (int i = 0; i < DISCRETE_INPUTS; i++) {
            processImage.addDigitalIn(i == DISCRETE_INPUT_FAULT ? fault : new Bit());
        }
        for (int i = 0; i < HOLDING_REGISTERS; i++) {
            processImage.addRegister(new SimpleRegister(0));
        }
        for (int i = 0; i < INPUT_REGISTERS; i++) {
            processImage.addInputRegister(new SimpleInputRegister(0));
        }
        return processImage;
    }

    /** {@code modbus+tcp://host:port/unitId}, as the connector names endpoints. */
    public String endpoint() {
        return "modbus+tcp://" + bindAddress + ":" + port + "/" + unitId;
    }

    public int port() {
        return port;
    }

    public int unitId() {
        return unitId;
    }

    /** Binds the port and serves the image; returns once clients can connect. Idempotent. */
    public void start() {
        synchronized (lifecycleLock) {
            if (slave != null) {
                return;
            }
            ModbusSlave started = null;
            try {
                started = ModbusSlaveFactory.createTCPSlave(InetAddress.getByName(bindAddress), port, CONNECTION_POOL,
                        false, 0);
                started.addProcessImage(unitId, image);
                started.open();
            } catch (ModbusException | UnknownHostException | RuntimeException e) {
                // j2mod keeps a slave per port in a static map; a failed one must leave it, or it blocks the port
                ModbusSlaveFactory.close(started);
                throw new IllegalStateException("Modbus pump could not listen on " + endpoint() + ": "
                        + e.getMessage(), e);
            }
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pump-simulator-" + port);
                t.setDaemon(true);
                return t;
            });
            long periodMillis = updateInterval.toMillis();
            double dtSeconds = updateInterval.toNanos() / 1e9;
            ticker.scheduleAtFixedRate(() -> tick(dtSeconds), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
            slave = started;
            updater = ticker;
            LOG.info("Modbus pump listening on {}", endpoint());
        }
    }

    public boolean isRunning() {
        synchronized (lifecycleLock) {
            return slave != null;
        }
    }

    /** Stops serving and releases the port; the registers keep their values for the next start. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycleLock) {
            if (slave == null) {
                return;
            }
            updater.shutdownNow();
            try {
                updater.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ModbusSlaveFactory.close(slave);
            slave = null;
            updater = null;
            LOG.info("Modbus pump on {} stopped", endpoint());
        }
    }

    // ---- the pump, as its operator panel would change it ----

    public void setRun(boolean value) {
        run.set(value);
    }

    public boolean run() {
        return run.isSet();
    }

    public void setFault(boolean value) {
        fault.set(value);
    }

    public void setSpeedSetpoint(double rpm) {
        writeFloat32(HOLDING_SPEED_SETPOINT, (float) rpm, true);
    }

    public double speedSetpoint() {
        return readFloat32(HOLDING_SPEED_SETPOINT, true);
    }

    public double flow() {
        return readFloat32(INPUT_FLOW, false);
    }

    public double pressureBar() {
        return (short) inputRegister(INPUT_PRESSURE) * PRESSURE_SCALE;
    }

    public long runSeconds() {
        return ((long) inputRegister(INPUT_RUN_SECONDS) << 16) | inputRegister(INPUT_RUN_SECONDS + 1);
    }

    public void setRunSeconds(long seconds) {
        model.setRunSeconds(seconds);
        if (frozen) {
            publish(model.snapshot());
        }
    }

    // ---- test hooks: raw access to the image ----

    /**
     * Stops (true) or resumes the simulation, so values injected with the raw setters are not overwritten by the
     * next update; the slave keeps serving either way.
     */
    public void setFrozen(boolean value) {
        frozen = value;
    }

    /** The number of range requests served (every read, and multi-register writes) since the start of the JVM. */
    public long rangeRequests() {
        return image.rangeRequests();
    }

    /** @param raw the register's 16 bits, 0..65535 (a negative int16 is taken modulo 2^16) */
    public void setHoldingRegister(int address, int raw) {
        image.getRegister(address).setValue(raw);
    }

    /** @return the register's 16 bits, 0..65535 */
    public int holdingRegister(int address) {
        return image.getRegister(address).getValue();
    }

    /** @param raw the register's 16 bits, 0..65535 (a negative int16 is taken modulo 2^16) */
    public void setInputRegister(int address, int raw) {
        ((SimpleInputRegister) image.getInputRegister(address)).setValue(raw);
    }

    public int inputRegister(int address) {
        return image.getInputRegister(address).getValue();
    }

    public void setCoil(int address, boolean value) {
        image.getDigitalOut(address).set(value);
    }

    public boolean coil(int address) {
        return image.getDigitalOut(address).isSet();
    }

    public void setDiscreteInput(int address, boolean value) {
        ((Bit) image.getDigitalIn(address)).set(value);
    }

    // ---- simulation ----

    private void tick(double dtSeconds) {
        if (frozen) {
            return;
        }
        try {
            publish(model.step(run.isSet(), speedSetpoint(), fault.isSet(), dtSeconds));
        } catch (RuntimeException e) {
            // An exception would cancel the fixed-rate task and freeze the device.
            LOG.warn("Pump simulation update on {} failed", endpoint(), e);
        }
    }

    private void publish(PumpModel.Snapshot s) {
        writeFloat32(INPUT_FLOW, (float) s.flowM3h(), false);
        long pressureCounts = Math.round(s.pressureBar() / PRESSURE_SCALE);
        setInputRegister(INPUT_PRESSURE, (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, pressureCounts)));
        long seconds = Math.min(s.runSeconds(), 0xFFFF_FFFFL);
        setInputRegister(INPUT_RUN_SECONDS, (int) (seconds >>> 16));
        setInputRegister(INPUT_RUN_SECONDS + 1, (int) (seconds & 0xFFFF));
    }

    private void writeFloat32(int address, float value, boolean holding) {
        int bits = Float.floatToIntBits(value);
        if (holding) {
            setHoldingRegister(address, bits >>> 16);
            setHoldingRegister(address + 1, bits & 0xFFFF);
        } else {
            setInputRegister(address, bits >>> 16);
            setInputRegister(address + 1, bits & 0xFFFF);
        }
    }

    private float readFloat32(int address, boolean holding) {
        int high = holding ? holdingRegister(address) : inputRegister(address);
        int low = holding ? holdingRegister(address + 1) : inputRegister(address + 1);
        return Float.intBitsToFloat(high << 16 | low);
    }
}
