package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;

@Description("What kind of data item a value belongs to, as in MTConnect.")
public enum Category {
    @Description("A continuously sampled measurement, e.g. a temperature.")
    SAMPLE,
    @Description("A discrete state or message, e.g. a mode or a program name.")
    EVENT,
    @Description("The health of a component: NORMAL, WARNING or FAULT.")
    CONDITION,
    @Description("A callable command of the asset.")
    METHOD
}
