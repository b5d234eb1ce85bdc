package org.openfactory.graphql.schema;

import java.math.BigInteger;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("ValueInput")
@Description("A typed value for a command: set exactly one of the fields.")
public record ValueInput(
        @Description("A DOUBLE.") Double number,
        @Description("An INTEGER (64-bit).") BigInteger integer,
        @Description("A STRING.") String string,
        @Description("A BOOLEAN.") Boolean bool) {
}
