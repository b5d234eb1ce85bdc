package org.openfactory.model.value;

/** Condition levels as in MTConnect. */
public enum ConditionLevel {
    NORMAL, WARNING, FAULT, UNAVAILABLE
}
