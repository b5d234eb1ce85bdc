package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The state of a CONDITION data item.")
public record Condition(
        @NonNull @Description("The level of the condition.") ConditionLevel level,
        @Description("The device's own code for the condition, if it gave one.") String nativeCode,
        @Description("The device's message, if it gave one.") String message) {
}
