package org.openfactory.registry.plan;

import java.util.ArrayList;
import java.util.List;

import org.openfactory.registry.event.RegistryEvent;

/**
 * What applying a set of asset files would change: registrations, then updates, then retirements, each sorted by
 * asset id, so the same inputs always give the same plan and the same text.
 *
 * @param changes   the changes, in the order their events are appended
 * @param unchanged ids of desired assets that are registered exactly so already, sorted
 * @param kept      ids of registered assets that are not in the files but stay, because the plan does not prune
 */
public record RegistryPlan(List<PlannedChange> changes, List<String> unchanged, List<String> kept) {

    public RegistryPlan {
        changes = List.copyOf(changes);
        unchanged = List.copyOf(unchanged);
        kept = List.copyOf(kept);
    }

    /** True when applying the plan appends nothing. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The events that apply the plan, in order. */
    public List<RegistryEvent> events() {
        return changes.stream().map(PlannedChange::event).toList();
    }

    /**
     * One line per change, then the kept assets, then the count of unchanged ones, e.g.
     * <pre>
     * + register tc-2 (acme/plant1/utilities/line1/cell1/tc-2)
     * ~ update tc-1: connector.endpoint, dataItems[setpoint].limits
     * - retire tc-9 (acme/plant1/utilities/line1/cell1/tc-9)
     * ? keep tc-8: registered but not in the asset files (prune to retire it)
     * = 3 unchanged
     * </pre>
     */
    public String describe() {
        List<String> lines = new ArrayList<>();
        changes.forEach(c -> lines.add(c.describe()));
        kept.forEach(id -> lines.add("? keep " + id + ": registered but not in the asset files (prune to retire it)"));
        lines.add("= " + unchanged.size() + " unchanged");
        return String.join("\n", lines);
    }
}
