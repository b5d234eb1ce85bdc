package org.openfactory.simulator.mtconnect;

import java.util.List;
import java.util.Optional;

import org.openfactory.simulator.mtconnect.DataItemSpec.ComponentSpec;

/** The simulated device: a 3-axis vertical machining center with a spindle and one controller path. */
public final class Vmc3Axis {

    public static final String NAME = "VMC-3Axis";
    public static final String UUID = "8b5c3a2e-1f4d-5e6a-9b7c-0d1e2f3a4b5c";
    public static final String ID = "vmc";

    public static final String AVAIL = "avail";
    public static final String EXECUTION = "execution";
    public static final String MODE = "mode";
    public static final String PROGRAM = "program";
    public static final String X_ACT = "Xact";
    public static final String Y_ACT = "Yact";
    public static final String Z_ACT = "Zact";
    public static final String SPINDLE_SPEED = "Sspeed";
    public static final String PART_COUNT = "partCount";
    public static final String SYSTEM = "system";

    static final ComponentSpec DEVICE = new ComponentSpec("Device", ID, NAME, null);
    static final ComponentSpec AXES = new ComponentSpec("Axes", "axes", "base", ID);
    static final ComponentSpec X = new ComponentSpec("Linear", "x", "X", "axes");
    static final ComponentSpec Y = new ComponentSpec("Linear", "y", "Y", "axes");
    static final ComponentSpec Z = new ComponentSpec("Linear", "z", "Z", "axes");
    static final ComponentSpec SPINDLE = new ComponentSpec("Rotary", "c", "C", "axes");
    static final ComponentSpec CONTROLLER = new ComponentSpec("Controller", "cont", "controller", ID);
    static final ComponentSpec PATH = new ComponentSpec("Path", "path", "path", "cont");

    /** Components in document order: every parent before its children. */
    static final List<ComponentSpec> COMPONENTS = List.of(DEVICE, AXES, X, Y, Z, SPINDLE, CONTROLLER, PATH);

    public static final List<DataItemSpec> DATA_ITEMS = List.of(
            new DataItemSpec(AVAIL, "avail", "EVENT", "AVAILABILITY", null, null, DEVICE),
            new DataItemSpec(X_ACT, "Xact", "SAMPLE", "POSITION", "ACTUAL", "MILLIMETER", X),
            new DataItemSpec(Y_ACT, "Yact", "SAMPLE", "POSITION", "ACTUAL", "MILLIMETER", Y),
            new DataItemSpec(Z_ACT, "Zact", "SAMPLE", "POSITION", "ACTUAL", "MILLIMETER", Z),
            new DataItemSpec(SPINDLE_SPEED, "Sspeed", "SAMPLE", "ROTARY_VELOCITY", "ACTUAL", "REVOLUTION/MINUTE",
                    SPINDLE),
            new DataItemSpec(MODE, "mode", "EVENT", "CONTROLLER_MODE", null, null, CONTROLLER),
            new DataItemSpec(SYSTEM, "system", "CONDITION", "SYSTEM", null, null, CONTROLLER),
            new DataItemSpec(EXECUTION, "execution", "EVENT", "EXECUTION", null, null, PATH),
            new DataItemSpec(PROGRAM, "program", "EVENT", "PROGRAM", null, null, PATH),
            new DataItemSpec(PART_COUNT, "partCount", "EVENT", "PART_COUNT", null, null, PATH));

    private Vmc3Axis() {
    }

    public static Optional<DataItemSpec> dataItem(String id) {
        return DATA_ITEMS.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Whether a request path segment names this device: by name or by uuid, as agents accept both. */
    static boolean isNamedBy(String nameOrUuid) {
        return NAME.equals(nameOrUuid) || UUID.equals(nameOrUuid);
    }
}
