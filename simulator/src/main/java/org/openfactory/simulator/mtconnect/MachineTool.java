package org.openfactory.simulator.mtconnect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The state of the simulated machining center. Each {@link #step()} advances the running program by one step: the
 * tool descends, cuts a rectangular pocket, retracts, and a part is counted; now and then the controller raises a
 * WARNING that clears after a while. Only what changed is reported, as an agent records only changes.
 */
final class MachineTool {

    static final int STEPS_PER_PART = 40;
    static final String PROGRAM_NAME = "O1001";
    static final double SPINDLE_RPM = 8000.0;
    static final double SAFE_Z = 50.0;
    static final double CUT_Z = -2.0;
    static final double WARNING_PROBABILITY = 0.01;
    static final int WARNING_STEPS = 15;

    private final Random random;
    private final Map<String, Reading> reported = new HashMap<>();
    private int step;
    private long partCount;
    private int warningLeft;

    MachineTool(long seed) {
        this.random = new Random(seed);
    }

    /** Every data item's current value: what a freshly started agent records. */
    synchronized List<Reading> snapshot() {
        if (reported.isEmpty()) {
            changes(); // fills the reported values
        }
        List<Reading> all = new ArrayList<>();
        for (DataItemSpec item : Vmc3Axis.DATA_ITEMS) {
            all.add(reported.get(item.id()));
        }
        return all;
    }

    /** Advances by one program step; returns the readings that changed. */
    synchronized List<Reading> step() {
        if (reported.isEmpty()) {
            changes();
        }
        step = (step + 1) % STEPS_PER_PART;
        if (step == STEPS_PER_PART - 2) {
            partCount++;
        }
        if (warningLeft > 0) {
            warningLeft--;
        } else if (random.nextDouble() < WARNING_PROBABILITY) {
            warningLeft = WARNING_STEPS;
        }
        return changes();
    }

    synchronized long partCount() {
        return partCount;
    }

    private List<Reading> changes() {
        List<Reading> now = List.of(
                Reading.of(Vmc3Axis.AVAIL, "AVAILABLE"),
                Reading.of(Vmc3Axis.MODE, "AUTOMATIC"),
                Reading.of(Vmc3Axis.PROGRAM, PROGRAM_NAME),
                Reading.of(Vmc3Axis.EXECUTION, step == STEPS_PER_PART - 1 ? "READY" : "ACTIVE"),
                Reading.of(Vmc3Axis.X_ACT, mm(x() + noise())),
                Reading.of(Vmc3Axis.Y_ACT, mm(y() + noise())),
                Reading.of(Vmc3Axis.Z_ACT, mm(z() + noise())),
                Reading.of(Vmc3Axis.SPINDLE_SPEED, spindleOn() ? mm(SPINDLE_RPM + random.nextInt(20)) : "0.000"),
                Reading.of(Vmc3Axis.PART_COUNT, Long.toString(partCount)),
                warningLeft > 0
                        ? Reading.condition(Vmc3Axis.SYSTEM, "WARNING", "W210", "Spindle load high")
                        : Reading.condition(Vmc3Axis.SYSTEM, "NORMAL", null, null));
        List<Reading> changed = new ArrayList<>();
        for (Reading reading : now) {
            if (!reading.equals(reported.put(reading.dataItemId(), reading))) {
                changed.add(reading);
            }
        }
        return changed;
    }

    // Steps 0-3 descend, 4-35 cut around the pocket, 36-37 retract, 38 counts the part, 39 waits for the next one.

    private boolean spindleOn() {
        return step <= 36;
    }

    private double z() {
        if (step <= 3) {
            return SAFE_Z - (SAFE_Z - CUT_Z) * step / 3.0;
        }
        return step <= 35 ? CUT_Z : SAFE_Z;
    }

    private double x() {
        double t = pocketPosition();
        if (t < 1) {
            return 50 + 200 * t;
        }
        if (t < 2) {
            return 250;
        }
        return t < 3 ? 250 - 200 * (t - 2) : 50;
    }

    private double y() {
        double t = pocketPosition();
        if (t < 1) {
            return 20;
        }
        if (t < 2) {
            return 20 + 100 * (t - 1);
        }
        return t < 3 ? 120 : 120 - 100 * (t - 3);
    }

    /** 0..4 around the rectangle while cutting; 0 (the start corner) otherwise. */
    private double pocketPosition() {
        return step >= 4 && step <= 35 ? (step - 4) / 8.0 : 0;
    }

    private double noise() {
        return (random.nextDouble() - 0.5) * 0.004;
    }

    private static String mm(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
