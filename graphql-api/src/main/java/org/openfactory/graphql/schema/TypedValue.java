package org.openfactory.graphql.schema;

import java.math.BigInteger;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.openfactory.model.value.Value;

@Description("A typed value, e.g. a command argument or a method output. Exactly one typed field carries it, as "
        + "`valueType` says; `value` always holds it as text.")
public record TypedValue(
        @NonNull @Description("The type of the value: which typed field carries it.") ValueType valueType,
        @Description("The value as text; null when UNAVAILABLE.") String value,
        @Description("The value when valueType is DOUBLE.") Double number,
        @Description("The value when valueType is INTEGER.") BigInteger integer,
        @Description("The value when valueType is BOOLEAN.") Boolean bool) {

    public static TypedValue of(Value value) {
        return new TypedValue(ValueType.valueOf(value.type().name()),
                value instanceof Value.Unavailable ? null : value.text(),
                value instanceof Value.Number n ? n.value() : null,
                value instanceof Value.Integer i ? BigInteger.valueOf(i.value()) : null,
                value instanceof Value.Bool b ? b.value() : null);
    }
}
