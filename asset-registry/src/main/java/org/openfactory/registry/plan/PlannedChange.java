package org.openfactory.registry.plan;

import java.util.List;
import java.util.Objects;

import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.event.AssetRegistered;
import org.openfactory.registry.event.AssetRetired;
import org.openfactory.registry.event.AssetUpdated;
import org.openfactory.registry.event.RegistryEvent;

/** One change a {@link RegistryPlan} makes to the registry, and the event that records it. */
public sealed interface PlannedChange permits PlannedChange.Register, PlannedChange.Update, PlannedChange.Retire {

    String assetId();

    /** The event to append when the plan is applied. */
    RegistryEvent event();

    /** One line of {@link RegistryPlan#describe()}. */
    String describe();

    /** A new asset, or one registered again after retirement. */
    record Register(AssetDefinition asset) implements PlannedChange {
        public Register {
            Objects.requireNonNull(asset, "asset");
        }

        public String assetId() {
            return asset.id();
        }

        public RegistryEvent event() {
            return new AssetRegistered(asset);
        }

        public String describe() {
            return "+ register " + asset.id() + " (" + asset.unsPath() + ")";
        }
    }

    /** A registered asset whose definition changed, with what changed. */
    record Update(AssetDefinition asset, List<String> changedFields) implements PlannedChange {
        public Update {
            Objects.requireNonNull(asset, "asset");
            changedFields = List.copyOf(changedFields);
        }

        public String assetId() {
            return asset.id();
        }

        public RegistryEvent event() {
            return new AssetUpdated(asset, changedFields);
        }

        public String describe() {
            return "~ update " + asset.id() + ": " + String.join(", ", changedFields);
        }
    }

    /** A registered asset that is no longer wanted (only when pruning). */
    record Retire(String assetId, String unsPath, String reason) implements PlannedChange {
        public Retire {
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(unsPath, "unsPath");
        }

        public RegistryEvent event() {
            return new AssetRetired(assetId, unsPath, reason);
        }

        public String describe() {
            return "- retire " + assetId + " (" + unsPath + ")";
        }
    }
}
