package org.openfactory.graphql.schema;

import java.math.BigInteger;
import java.time.Instant;

import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.historian.HistoryRow;
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
        return of(state.assetId(), state.dataItemId(), state.category(), state.value(), state.units(),
                state.observedAt(), state.ingestedAt());
    }

    /** One stored observation of a data item's history. */
    public static DataItem of(HistoryRow row) {
        return of(row.assetId(), row.dataItemId(), row.category(), row.value(), row.units(), row.observedAt(),
                row.ingestedAt());
    }

    private static DataItem of(String assetId, String dataItemId, org.openfactory.model.value.Category category,
                               Value value, String units, Instant observedAt, Instant ingestedAt) {
        Double number = value instanceof Value.Number n ? n.value() : null;
        BigInteger integer = value instanceof Value.Integer i ? BigInteger.valueOf(i.value()) : null;
        Boolean bool = value instanceof Value.Bool b ? b.value() : null;
        Condition condition = value instanceof Value.Condition c
                ? new Condition(ConditionLevel.valueOf(c.level().name()), c.nativeCode(), c.message())
                : null;
        String text = value instanceof Value.Unavailable ? null : value.text();
        return new DataItem(assetId, dataItemId, Category.valueOf(category.name()),
                ValueType.valueOf(value.type().name()), units, text, number, integer, bool, condition, observedAt,
                ingestedAt);
    }
}
