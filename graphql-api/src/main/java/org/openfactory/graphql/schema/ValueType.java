package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;

@Description("The type of a data item's values; tells which typed field of a DataItem carries the value.")
public enum ValueType {
    @Description("A floating point number, in field `number`.")
    DOUBLE,
    @Description("A whole number, in field `integer`.")
    INTEGER,
    @Description("Text, in field `value`.")
    STRING,
    @Description("True or false, in field `bool`.")
    BOOLEAN,
    @Description("A condition, in field `condition`.")
    CONDITION,
    @Description("The device could not deliver a value.")
    UNAVAILABLE
}
