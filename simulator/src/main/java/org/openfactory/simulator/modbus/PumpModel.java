package org.openfactory.simulator.modbus;

import java.util.Random;

/**
 * The physics of the simulated centrifugal pump: its drive ramps the shaft speed linearly to the setpoint while the pump
 * runs (and down to zero when it stops or faults); flow is proportional to speed, pressure grows with its square
 * (affinity laws); run time counts while the shaft turns. Thread-safe; seeded so test runs are reproducible.
 */
final class PumpModel {

    static final double RATED_SPEED_RPM = 2900.0;
    static final double RATED_FLOW_M3H = 120.0;
    /** Pressure at standstill (the suction side's head) and the pump's added pressure at rated speed. */
    static final double STATIC_PRESSURE_BAR = 0.5;
    static final double RATED_HEAD_BAR = 4.5;
    /** The drive's ramp: standstill to rated speed in one second. */
    static final double RAMP_RPM_PER_SECOND = RATED_SPEED_RPM;
    static final double FLOW_NOISE_M3H = 0.05;

    private final Random random;
    private double speedRpm;
    private double runSeconds;

    PumpModel(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Advances the model by {@code dtSeconds}.
     *
     * @param run             the run command (coil)
     * @param speedSetpoint   requested speed in rpm; negative or NaN counts as zero
     * @param fault           a fault trips the pump: it coasts to a stop whatever the run command says
     */
    synchronized Snapshot step(boolean run, double speedSetpoint, boolean fault, double dtSeconds) {
        double target = run && !fault && speedSetpoint > 0 ? speedSetpoint : 0.0;
        double maxChange = RAMP_RPM_PER_SECOND * dtSeconds;
        speedRpm += Math.max(-maxChange, Math.min(maxChange, target - speedRpm));
        if (speedRpm > 0) {
            runSeconds += dtSeconds;
        }
        return snapshot();
    }

    synchronized void setRunSeconds(double seconds) {
        runSeconds = seconds;
    }

    synchronized Snapshot snapshot() {
        double ratio = speedRpm / RATED_SPEED_RPM;
        double flow = speedRpm > 0 ? Math.max(0.0, RATED_FLOW_M3H * ratio + random.nextGaussian() * FLOW_NOISE_M3H)
                : 0.0;
        double pressure = STATIC_PRESSURE_BAR + RATED_HEAD_BAR * ratio * ratio;
        return new Snapshot(speedRpm, flow, pressure, (long) runSeconds);
    }

    /** One consistent view of the pump. */
    record Snapshot(double speedRpm, double flowM3h, double pressureBar, long runSeconds) {
    }
}
