package org.openfactory.model.value;

/** The type of a data item's values, as declared in its asset file and carried in every event. */
public enum ValueType {
    DOUBLE, INTEGER, STRING, BOOLEAN, CONDITION, UNAVAILABLE
}
