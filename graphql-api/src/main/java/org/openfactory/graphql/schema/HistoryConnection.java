package org.openfactory.graphql.schema;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of a data item's history in device-time order (Relay cursor connection).")
public record HistoryConnection(
        @NonNull @Description("The observations of this page, each with its cursor.") List<@NonNull HistoryEdge> edges,
        @NonNull @Description("Where this page stands in the whole range.") PageInfo pageInfo,
        @NonNull @Description("Which store answered.") HistorySource source) {
}
