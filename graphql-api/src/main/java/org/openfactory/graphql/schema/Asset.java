package org.openfactory.graphql.schema;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A physical asset (machine, sensor, PLC) as virtualized by the platform.")
public record Asset(
        @NonNull @Description("Stable, unique asset id.") String id,
        @NonNull @Description("The asset's path in the Unified Namespace, e.g. acme/plant1/area1/line1/cell1/tc-1.")
        String unsPath,
        @NonNull @Description("The asset type, e.g. TemperatureController.") String type,
        @Description("Whether the platform reaches the asset now; null until its connector has reported.")
        Availability availability,
        @NonNull @Description("The data items of the asset with their latest values.") List<@NonNull DataItem> dataItems) {
}
