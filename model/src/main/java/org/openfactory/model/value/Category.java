package org.openfactory.model.value;

/** What kind of data item a value belongs to, as in MTConnect; METHOD marks a callable command. */
public enum Category {
    SAMPLE, EVENT, CONDITION, METHOD
}
