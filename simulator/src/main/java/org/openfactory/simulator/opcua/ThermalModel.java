package org.openfactory.simulator.opcua;

import java.util.Random;

/**
 * The physics of the simulated temperature controller: a first-order lag toward the setpoint plus small noise.
 * With heating off the temperature falls back toward the ambient temperature instead. Thread-safe; seeded so that
 * test runs are reproducible.
 */
final class ThermalModel {

    /** Time constant of the first-order lag, in seconds. */
    static final double TIME_CONSTANT_SECONDS = 5.0;
    static final double NOISE_STD_DEV = 0.05;
    static final double ALARM_MARGIN = 10.0;
    static final double AMBIENT_TEMPERATURE = 20.0;

    private final Random random;
    private double temperature;
    private double setpoint;
    private boolean heating = true;
    /** A forced temperature (test hook) holds still until released. */
    private boolean pinned;

    ThermalModel(double initialTemperature, double initialSetpoint, long seed) {
        this.temperature = initialTemperature;
        this.setpoint = initialSetpoint;
        this.random = new Random(seed);
    }

    /** Advances the model by {@code dtSeconds} and returns the new state. */
    synchronized Snapshot step(double dtSeconds) {
        if (!pinned) {
            double target = heating ? setpoint : AMBIENT_TEMPERATURE;
            double alpha = 1.0 - Math.exp(-dtSeconds / TIME_CONSTANT_SECONDS);
            temperature += (target - temperature) * alpha + random.nextGaussian() * NOISE_STD_DEV;
        }
        return snapshot();
    }

    synchronized void setSetpoint(double value) {
        setpoint = value;
    }

    synchronized void setTemperature(double value) {
        temperature = value;
    }

    /** Holds the temperature at {@code value} until {@link #release()}. */
    synchronized void pin(double value) {
        temperature = value;
        pinned = true;
    }

    synchronized void release() {
        pinned = false;
    }

    /** Heating off (mode OFF): the heater stays off and the temperature falls toward ambient. */
    synchronized void setHeating(boolean on) {
        heating = on;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(temperature, setpoint, heating);
    }

    /** One consistent view of the device state, with the derived flags. */
    record Snapshot(double temperature, double setpoint, boolean heating) {

        boolean heaterOn() {
            return heating && temperature < setpoint;
        }

        /** The high temperature alarm: more than {@link #ALARM_MARGIN} above the setpoint. */
        boolean alarm() {
            return temperature > setpoint + ALARM_MARGIN;
        }
    }
}
