package org.openfactory.registry.view;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.openfactory.registry.asset.AssetDefinition;

/**
 * One asset as the registry knows it.
 *
 * @param definition   the latest definition (kept after retirement, for history)
 * @param uuid         {@link org.openfactory.registry.asset.AssetIdentity#uuidOf} of the id
 * @param revision     registered and updated events applied for this id, counting across retirements; a replay
 *                     of a compacted topic counts only the events that survived compaction
 * @param registeredAt when the current registration was applied (the earliest surviving event after compaction)
 * @param updatedAt    when the latest event for this asset was applied
 * @param retired      true once retired (until registered again)
 * @param lastEventId  id of the latest event applied, to drop re-delivered duplicates; null if applied without one
 */
public record RegistryEntry(AssetDefinition definition, UUID uuid, long revision, Instant registeredAt,
                            Instant updatedAt, boolean retired, String lastEventId) {

    public RegistryEntry {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String id() {
        return definition.id();
    }

    public String unsPath() {
        return definition.unsPath();
    }
}
