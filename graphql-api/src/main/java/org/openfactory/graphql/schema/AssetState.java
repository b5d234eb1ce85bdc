package org.openfactory.graphql.schema;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The state of an asset as of a given time, reconstructed from the log: for each data item, the "
        + "observation with the latest device time at or before that time.")
public record AssetState(
        @NonNull @Description("The asset.") String assetId,
        @NonNull @Description("The time asked for.") Instant at,
        @NonNull @Description("The data items that had a value at that time.") List<@NonNull DataItem> dataItems,
        @NonNull @Description("How many records of the log were read to answer.") long recordsScanned) {
}
