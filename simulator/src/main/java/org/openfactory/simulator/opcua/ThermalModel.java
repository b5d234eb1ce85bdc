package org.openfactory.simulator.opcua;

import java.util.Random;

/**
 * The physics of the simulated temperature controller: a first-order lag toward the setpoint plus small noise.
 * Thread-safe; seeded so that test runs are reproducible.
 */
final class ThermalModel {

    /** Time constant of the first-order lag, in seconds. */
    static final double TIME_CONSTANT_SECONDS = 5.0;
    static final double NOISE_STD_DEV = 0.05;
    static final double ALARM_MARGIN = 10.0;

    private final Random random;
    private double temperature;
    private double setpoint;

    ThermalModel(double initialTemperature, double initialSetpoint, long seed) {
        this.temperature = initialTemperature;
        this.setpoint = initialSetpoint;
        this.random = new Random(seed);
    }

    /** Advances the model by {@code dtSeconds} and returns the new state. */
    synchronized Snapshot step(double dtSeconds) {
        double alpha = 1.0 - Math.exp(-dtSeconds / TIME_CONSTANT_SECONDS);
        temperature += (setpoint - temperature) * alpha + random.nextGaussian() * NOISE_STD_DEV;
        return snapshot();
    }

    synchronized void setSetpoint(double value) {
        setpoint = value;
    }

    synchronized void setTemperature(double value) {
        temperature = value;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(temperature, setpoint);
    }

    /** One consistent view of the device state, with the derived flags. */
    record Snapshot(double temperature, double setpoint) {
        boolean heaterOn() {
            return temperature < setpoint;
        }

        boolean alarm() {
            return temperature > setpoint + ALARM_MARGIN;
        }
    }
}
