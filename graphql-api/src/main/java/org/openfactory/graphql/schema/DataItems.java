package org.openfactory.graphql.schema;

import java.math.BigInteger;

import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.projection.DataItemState;

/** Maps the projection's data item state to the GraphQL {@link DataItem}. */
public final class DataItems {

    private DataItems() {
    }

    /** A declared data item that has not been observed yet. */
    public static DataItem unobserved(String assetId, DataItemDefinition definition) {
        return new DataItem(assetId, definition.id(), Category.valueOf(definition.category().name()),
                ValueType.valueOf(definition.valueType().name()), definition.units(), null, null, null, null, null,
                null, null);
    }

    public static DataItem of(DataItemState state) {
        Value value = state.value();
        Double number = value instanceof Value.Number n ? n.value() : null;
        BigInteger integer = value instanceof Value.Integer i ? BigInteger.valueOf(i.value()) : null;
        Boolean bool = value instanceof Value.Bool b ? b.value() : null;
        Condition condition = value instanceof Value.Condition c
                ? new Condition(ConditionLevel.valueOf(c.level().name()), c.nativeCode(), c.message())
                : null;
        String text = value instanceof Value.Unavailable ? null : value.text();
        return new DataItem(state.assetId(), state.dataItemId(), Category.valueOf(state.category().name()),
                ValueType.valueOf(value.type().name()), state.units(), text, number, integer, bool, condition,
                state.observedAt(), state.ingestedAt());
    }
}
