package org.openfactory.simulator.mtconnect;

import java.util.Objects;

/**
 * A value the machine reports for one data item, before the agent gives it a sequence number and a time.
 *
 * @param value          the observation's text: the value, or a condition's message ({@code ""} for none)
 * @param conditionLevel for conditions {@code NORMAL}, {@code WARNING}, {@code FAULT} or {@code UNAVAILABLE};
 *                       null otherwise
 * @param nativeCode     a condition's code on the controller, or null
 */
public record Reading(String dataItemId, String value, String conditionLevel, String nativeCode) {

    public static final String UNAVAILABLE = "UNAVAILABLE";

    public Reading {
        Objects.requireNonNull(dataItemId, "dataItemId");
        Objects.requireNonNull(value, "value");
    }

    public static Reading of(String dataItemId, String value) {
        return new Reading(dataItemId, value, null, null);
    }

    public static Reading condition(String dataItemId, String level, String nativeCode, String message) {
        return new Reading(dataItemId, message == null ? "" : message, Objects.requireNonNull(level, "level"),
                nativeCode);
    }

    public boolean isCondition() {
        return conditionLevel != null;
    }
}
