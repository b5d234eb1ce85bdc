package org.openfactory.registry.view;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.openfactory.model.envelope.Envelope;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetIdentity;
import org.openfactory.registry.event.AssetRegistered;
import org.openfactory.registry.event.AssetRetired;
import org.openfactory.registry.event.AssetUpdated;
import org.openfactory.registry.event.RegistryEvent;

/**
 * The asset registry as folded from its events, in log order. An immutable value: {@code apply} returns a new view,
 * so readers share one without locks (publish it through a volatile field). A replay folds many events through a
 * {@link Builder} and freezes once.
 *
 * <p>Folding is total: any order of events gives a view (a compacted topic may start with an update, an update may
 * follow a retirement); registered and updated both set the full definition, retired marks the entry. Applying an
 * event whose id is the asset's latest one changes nothing, so a re-delivered event never counts twice.
 */
public final class RegistryView {

    private static final RegistryView EMPTY = new RegistryView(Map.of());

    private final Map<String, RegistryEntry> entries; // sorted by id, retired included

    private RegistryView(Map<String, RegistryEntry> entries) {
        this.entries = entries;
    }

    public static RegistryView empty() {
        return EMPTY;
    }

    /** The view after {@code events}, in order. */
    public static RegistryView replay(List<? extends Envelope<? extends RegistryEvent>> events) {
        Builder builder = builder();
        events.forEach(builder::apply);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder(new TreeMap<>());
    }

    public Builder toBuilder() {
        return new Builder(new TreeMap<>(entries));
    }

    /** This view with {@code event} applied at {@code appliedAt} (no event id: never taken for a duplicate). */
    public RegistryView apply(RegistryEvent event, Instant appliedAt) {
        Builder builder = toBuilder();
        return builder.apply(event, appliedAt, null).isPresent() ? builder.build() : this;
    }

    /** This view with the event applied at its CloudEvents {@code time}; the same view for a duplicate. */
    public RegistryView apply(Envelope<? extends RegistryEvent> event) {
        Builder builder = toBuilder();
        return builder.apply(event).isPresent() ? builder.build() : this;
    }

    /** The asset with this id, active or retired: check {@link RegistryEntry#retired()}. */
    public Optional<RegistryEntry> find(String assetId) {
        return Optional.ofNullable(entries.get(assetId));
    }

    /** The asset with this id if it is registered and not retired. */
    public Optional<RegistryEntry> findActive(String assetId) {
        return find(assetId).filter(e -> !e.retired());
    }

    /** Active assets, sorted by id. */
    public List<RegistryEntry> all() {
        return entries.values().stream().filter(e -> !e.retired()).toList();
    }

    /** Retired assets, sorted by id. */
    public List<RegistryEntry> retired() {
        return entries.values().stream().filter(RegistryEntry::retired).toList();
    }

    /**
     * Active assets at or below a UNS path, by whole segments ({@code acme/plant1} does not match
     * {@code acme/plant10/...}), sorted by id. An empty prefix matches every asset.
     */
    public List<RegistryEntry> byUnsPrefix(String prefix) {
        String p = prefix.replaceAll("^/+|/+$", "");
        return all().stream()
                .filter(e -> p.isEmpty() || e.unsPath().equals(p) || e.unsPath().startsWith(p + "/"))
                .toList();
    }

    /** The active asset at exactly this UNS path. */
    public Optional<RegistryEntry> byUnsPath(String unsPath) {
        return all().stream().filter(e -> e.unsPath().equals(unsPath)).findFirst();
    }

    /** Active assets of a type (e.g. {@code TemperatureController}), sorted by id. */
    public List<RegistryEntry> byType(String type) {
        return all().stream().filter(e -> e.definition().type().equals(type)).toList();
    }

    /** The Unified Namespace of the active assets. */
    public UnsNode unsTree() {
        return UnsTree.of(all().stream().map(RegistryEntry::definition).toList());
    }

    /** Number of active assets. */
    public int size() {
        return (int) entries.values().stream().filter(e -> !e.retired()).count();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryView other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "RegistryView" + entries.values();
    }

    /** Folds events into a view; single writer. */
    public static final class Builder {

        private final TreeMap<String, RegistryEntry> entries;

        private Builder(TreeMap<String, RegistryEntry> entries) {
            this.entries = entries;
        }

        /** Applies the event at its CloudEvents {@code time}, dropping it if it is the asset's latest one. */
        public Optional<RegistryEntry> apply(Envelope<? extends RegistryEvent> event) {
            return apply(event.payload(), event.time(), event.id());
        }

        /**
         * @param eventId the event's id, or null
         * @return the asset's new entry, or empty when nothing changed (a duplicate, or a retirement of an asset
         *         this view never saw)
         */
        public Optional<RegistryEntry> apply(RegistryEvent event, Instant appliedAt, String eventId) {
            Objects.requireNonNull(appliedAt, "appliedAt");
            RegistryEntry current = entries.get(event.assetId());
            if (current != null && eventId != null && eventId.equals(current.lastEventId())) {
                return Optional.empty();
            }
            RegistryEntry next;
            if (event instanceof AssetRegistered registered) {
                next = defined(current, registered.asset(), appliedAt, eventId);
            } else if (event instanceof AssetUpdated updated) {
                next = defined(current, updated.asset(), appliedAt, eventId);
            } else if (event instanceof AssetRetired) {
                if (current == null) {
                    return Optional.empty(); // compaction left only the retirement: nothing to show
                }
                next = new RegistryEntry(current.definition(), current.uuid(), current.revision(),
                        current.registeredAt(), appliedAt, true, eventId);
            } else {
                throw new IllegalArgumentException("unknown registry event " + event);
            }
            entries.put(event.assetId(), next);
            return Optional.of(next);
        }

        private static RegistryEntry defined(RegistryEntry current, AssetDefinition asset, Instant at,
                                             String eventId) {
            if (current == null || current.retired()) {
                long revision = current == null ? 1 : current.revision() + 1;
                return new RegistryEntry(asset, AssetIdentity.uuidOf(asset.id()), revision, at, at, false, eventId);
            }
            return new RegistryEntry(asset, current.uuid(), current.revision() + 1, current.registeredAt(), at, false,
                    eventId);
        }

        public RegistryView build() {
            return entries.isEmpty() ? EMPTY : new RegistryView(Collections.unmodifiableMap(new TreeMap<>(entries)));
        }
    }
}
