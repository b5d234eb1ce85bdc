package org.openfactory.registry.projection;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import java.util.function.Consumer;

import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.Topics;

/**
 * Latest value per (asset, data item), folded from the samples log in log order.
 * One writer thread applies events; any thread may read.
 */
public final class LatestState {

    private final ConcurrentMap<String, ConcurrentMap<String, DataItemState>> byAsset = new ConcurrentHashMap<>();

    /**
     * Keeps the observation with the newest device time; between equal times the later in the log wins, as in
     * {@link TimeTravel}. So an old event re-sent after newer ones, or the same event delivered twice, changes
     * nothing.
     *
     * @return the new state, or empty when the event does not change it
     */
    public Optional<DataItemState> apply(Envelope<SampleObserved> event) {
        SampleObserved sample = event.payload();
        ConcurrentMap<String, DataItemState> items = byAsset.get(sample.assetId());
        if (items == null) { // rare after the first events of an asset: a plain get is cheaper than computeIfAbsent
            items = byAsset.computeIfAbsent(sample.assetId(), id -> new ConcurrentHashMap<>());
        }
        DataItemState current = items.get(sample.dataItemId());
        if (current != null && (current.eventId().equals(event.id())
                || sample.observedAt().isBefore(current.observedAt()))) {
            return Optional.empty();
        }
        DataItemState next = new DataItemState(sample.assetId(), sample.dataItemId(), sample.category(),
                sample.value(), sample.units(), sample.observedAt(), event.ingestedAt(), event.id());
        items.put(sample.dataItemId(), next);
        return Optional.of(next);
    }

    /**
     * A follower of the samples log that folds it into this state and passes every change on. Decoding is most of
     * a rebuild's cost, so the follower decodes each poll on every core; it applies (and calls {@code onChange}) on
     * its own thread only, in log order.
     */
    public LogFollower<SampleObserved> follower(String bootstrapServers, Consumer<DataItemState> onChange) {
        return new LogFollower<>(bootstrapServers, Topics.SAMPLES, EventCodecs.SAMPLE::decode,
                event -> apply(event).ifPresent(onChange), Runtime.getRuntime().availableProcessors());
    }

    /** The data items of an asset that have a value; empty if none has been observed yet. */
    public Map<String, DataItemState> of(String assetId) {
        Map<String, DataItemState> items = byAsset.get(assetId);
        return items == null ? Map.of() : Map.copyOf(items);
    }

    public Optional<DataItemState> of(String assetId, String dataItemId) {
        return Optional.ofNullable(of(assetId).get(dataItemId));
    }

    /** An immutable copy of the whole state, asset id -> data item id -> state, to compare projections. */
    public Map<String, Map<String, DataItemState>> snapshot() {
        Map<String, Map<String, DataItemState>> copy = new HashMap<>();
        byAsset.forEach((assetId, items) -> copy.put(assetId, Map.copyOf(items)));
        return Map.copyOf(copy);
    }
}
