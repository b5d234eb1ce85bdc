package org.openfactory.registry.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetProblem;
import org.openfactory.registry.asset.AssetValidationException;
import org.openfactory.registry.asset.LocatedAsset;
import org.openfactory.registry.view.RegistryEntry;
import org.openfactory.registry.view.RegistryView;

/**
 * Compares the desired assets (usually a folder of asset files) with the registry and plans the events that make
 * the registry match: declarative, so applying the same files twice plans nothing the second time.
 *
 * <p>The set must hold together before anything is planned: unique ids, and no two assets on one UNS path, neither
 * among the desired assets nor against a registered asset that stays. Otherwise the plan fails with every problem
 * and nothing is applied. The desired definitions themselves are expected to be valid already
 * ({@link org.openfactory.registry.asset.AssetFileLoader} or {@link org.openfactory.registry.asset.AssetValidator}).
 */
public final class RegistryPlanner {

    /** The reason on retirements planned by pruning. */
    public static final String PRUNE_REASON = "removed from the asset files";

    private RegistryPlanner() {
    }

    /**
     * @param prune true to retire registered assets that are not desired; false to keep them (listed as kept)
     * @throws AssetValidationException listing every problem of the set; nothing is planned then
     */
    public static RegistryPlan plan(RegistryView current, List<AssetDefinition> desired, boolean prune) {
        return planLocated(current, desired.stream().map(LocatedAsset::unlocated).toList(), prune);
    }

    /** Like {@link #plan}, with problems pointing at the files and lines the assets were read from. */
    public static RegistryPlan planLocated(RegistryView current, List<LocatedAsset> desired, boolean prune) {
        validate(current, desired, prune);
        Set<String> desiredIds = new HashSet<>();
        List<PlannedChange.Register> registers = new ArrayList<>();
        List<PlannedChange.Update> updates = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (LocatedAsset located : desired) {
            AssetDefinition asset = located.definition();
            desiredIds.add(asset.id());
            Optional<RegistryEntry> registered = current.findActive(asset.id());
            if (registered.isEmpty()) {
                registers.add(new PlannedChange.Register(asset));
            } else if (!registered.get().definition().equals(asset)) {
                List<String> changed = AssetDiff.changedFields(registered.get().definition(), asset);
                if (changed.isEmpty()) {
                    unchanged.add(asset.id()); // equal in canonical form (e.g. -0.0 and 0.0)
                } else {
                    updates.add(new PlannedChange.Update(asset, changed));
                }
            } else {
                unchanged.add(asset.id());
            }
        }
        List<PlannedChange.Retire> retires = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (RegistryEntry entry : current.all()) {
            if (desiredIds.contains(entry.id())) {
                continue;
            }
            if (prune) {
                retires.add(new PlannedChange.Retire(entry.id(), entry.unsPath(), PRUNE_REASON));
            } else {
                kept.add(entry.id());
            }
        }
        List<PlannedChange> changes = new ArrayList<>();
        registers.stream().sorted(Comparator.comparing(PlannedChange::assetId)).forEach(changes::add);
        updates.stream().sorted(Comparator.comparing(PlannedChange::assetId)).forEach(changes::add);
        retires.stream().sorted(Comparator.comparing(PlannedChange::assetId)).forEach(changes::add);
        return new RegistryPlan(changes, unchanged.stream().sorted().toList(), kept);
    }

    private static void validate(RegistryView current, List<LocatedAsset> desired, boolean prune) {
        List<AssetProblem> problems = new ArrayList<>();
        Map<String, LocatedAsset> byId = new HashMap<>();
        Map<String, LocatedAsset> byPath = new HashMap<>();
        for (LocatedAsset located : desired) {
            AssetDefinition asset = located.definition();
            LocatedAsset sameId = byId.putIfAbsent(asset.id(), located);
            if (sameId != null) {
                problems.add(located.problem("id", "asset id '" + asset.id() + "' is already defined"
                        + where(sameId)));
                continue;
            }
            LocatedAsset samePath = byPath.putIfAbsent(asset.unsPath(), located);
            if (samePath != null) {
                problems.add(located.problem("unsPath", "UNS path '" + asset.unsPath() + "' is already claimed by "
                        + "asset '" + samePath.definition().id() + "'" + where(samePath)));
            }
        }
        if (!prune) {
            // registered assets that are not desired stay, and keep their paths
            for (RegistryEntry staying : current.all()) {
                if (byId.containsKey(staying.id())) {
                    continue;
                }
                LocatedAsset claimant = byPath.get(staying.unsPath());
                if (claimant != null) {
                    problems.add(claimant.problem("unsPath", "UNS path '" + staying.unsPath() + "' is held by "
                            + "registered asset '" + staying.id() + "', which stays registered (it is not in the "
                            + "asset files; retire it or prune)"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssetValidationException(problems);
        }
    }

    private static String where(LocatedAsset located) {
        return located.file() == null ? "" : " in " + located.file();
    }
}
