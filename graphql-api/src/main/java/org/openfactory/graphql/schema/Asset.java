package org.openfactory.graphql.schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A physical asset (machine, sensor, PLC) as virtualized by the platform.")
public record Asset(
        @NonNull @Id @Description("Stable, unique asset id, as in its asset file.") String id,
        @NonNull @Description("Deterministic UUID of the asset id (version 5 in the OpenFactory namespace).") UUID uuid,
        @NonNull @Description("The asset's path in the Unified Namespace, e.g. acme/plant1/area1/line1/cell1/tc-1.")
        String unsPath,
        @NonNull @Description("The asset type, e.g. TemperatureController.") String type,
        @Description("What the asset is, in words.") String description,
        @NonNull @Description("How many times the asset was registered or updated.") long revision,
        @NonNull @Description("When the asset was (last) registered.") Instant registeredAt,
        @NonNull @Description("When the asset's definition last changed.") Instant updatedAt,
        @NonNull @Description("How the platform reaches the asset.") AssetConnector connector,
        @Description("Whether the platform reaches the asset now, as its connector reports; null until it has "
                + "reported.") Availability availability,
        @NonNull @Description("The data items of the asset with their latest values.") List<@NonNull DataItem> dataItems) {
}
