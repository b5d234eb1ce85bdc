package org.openfactory.simulator.mtconnect;

import java.util.Locale;

/**
 * One data item of the simulated device, as the probe describes it.
 *
 * @param category  {@code SAMPLE}, {@code EVENT} or {@code CONDITION}
 * @param type      the MTConnect type, e.g. {@code POSITION}
 * @param subType   e.g. {@code ACTUAL}, or null
 * @param units     e.g. {@code MILLIMETER}, or null
 * @param component the component that carries the data item
 */
public record DataItemSpec(String id, String name, String category, String type, String subType, String units,
                           ComponentSpec component) {

    public boolean isCondition() {
        return "CONDITION".equals(category);
    }

    /** The element of this data item's observations in a streams document: POSITION -> Position. */
    public String observationElement() {
        StringBuilder name = new StringBuilder();
        for (String word : type.split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /** The container of this data item's observations in a component stream. */
    public String streamsContainer() {
        switch (category) {
            case "SAMPLE":
                return "Samples";
            case "EVENT":
                return "Events";
            default:
                return "Condition";
        }
    }

    /**
     * A component of the device.
     *
     * @param element the component's element in the probe, e.g. {@code Linear}
     * @param parentId the id of the enclosing component, or null for the device itself
     */
    public record ComponentSpec(String element, String id, String name, String parentId) {
    }
}
