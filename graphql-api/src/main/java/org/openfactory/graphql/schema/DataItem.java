package org.openfactory.graphql.schema;

import java.math.BigInteger;
import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A data item of an asset with its latest value. Exactly one typed field carries the value, as "
        + "`valueType` says; `value` always holds it as text.")
public record DataItem(
        @NonNull @Description("The asset this data item belongs to.") String assetId,
        @NonNull @Description("The data item id, unique within its asset.") String id,
        @NonNull @Description("SAMPLE, EVENT, CONDITION or METHOD.") Category category,
        @NonNull @Description("The type of the current value.") ValueType valueType,
        @Description("Engineering units, if declared.") String units,
        @Description("The value as text; null if nothing was observed yet.") String value,
        @Description("The value when valueType is DOUBLE.") Double number,
        @Description("The value when valueType is INTEGER.") BigInteger integer,
        @Description("The value when valueType is BOOLEAN.") Boolean bool,
        @Description("The value when valueType is CONDITION.") Condition condition,
        @Description("When the device observed the value (device clock).") Instant timestamp,
        @Description("When the platform appended the value to the log.") Instant ingestedAt) {
}
