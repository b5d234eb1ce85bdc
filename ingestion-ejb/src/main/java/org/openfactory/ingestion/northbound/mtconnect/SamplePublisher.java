package org.openfactory.ingestion.northbound.mtconnect;

import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Types an observation for its data item and hands it to the sink. Never throws: an unreadable value, a value outside
 * the item's limits (or not finite) and a failing sink are logged and that one observation is dropped. Bad values
 * are warned about once per data item until a good value comes again, so a misbehaving device does not flood the log.
 */
final class SamplePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SamplePublisher.class);

    private final String assetId;
    private final URI source;
    private final SampleSink sink;
    private final Set<String> warnedUnreadable = new HashSet<>();
    private final Set<String> warnedOutOfRange = new HashSet<>();

    SamplePublisher(String assetId, URI source, SampleSink sink) {
        this.assetId = assetId;
        this.source = source;
        this.sink = sink;
    }

    /** @return whether a sample was published */
    boolean publish(DataItemBinding binding, Observation observation) {
        DataItemDefinition item = binding.item();
        Value value;
        Instant observedAt;
        try {
            value = ObservationConverter.value(observation, item.valueType());
            observedAt = ObservationConverter.timestamp(observation);
        } catch (UnreadableObservationException e) {
            LOG.atLevel(warnedUnreadable.add(item.id()) ? Level.WARN : Level.DEBUG).log(
                    "Asset {}: data item {} (MTConnect {}) skipped the observation at sequence {}: {}", assetId,
                    item.id(), observation.dataItemId(), observation.sequence(), e.getMessage());
            return false;
        }
        String outOfRange = outOfRange(value, item.limits());
        if (outOfRange != null) {
            LOG.atLevel(warnedOutOfRange.add(item.id()) ? Level.WARN : Level.DEBUG).log(
                    "Asset {}: data item {} (MTConnect {}) value {} at sequence {} is not published: {}", assetId,
                    item.id(), observation.dataItemId(), observation.value(), observation.sequence(), outOfRange);
            return false;
        }
        warnedUnreadable.remove(item.id());
        warnedOutOfRange.remove(item.id());
        try {
            sink.accept(source, new SampleObserved(assetId, item.id(), observation.category(), value, binding.units(),
                    observedAt));
            return true;
        } catch (RuntimeException e) {
            LOG.error("Asset {}: sample of data item {} at sequence {} was lost, the sink failed", assetId, item.id(),
                    observation.sequence(), e);
            return false;
        }
    }

    /** Why a numeric value must not be published, or null when it may. */
    static String outOfRange(Value value, Limits limits) {
        double number;
        if (value instanceof Value.Number n) {
            number = n.value();
            if (!Double.isFinite(number)) {
                return "not a finite number";
            }
        } else if (value instanceof Value.Integer i) {
            number = i.value();
        } else {
            return null;
        }
        if (limits == null) {
            return null;
        }
        if ((limits.min() != null && number < limits.min()) || (limits.max() != null && number > limits.max())) {
            return "outside its limits [" + bound(limits.min()) + ", " + bound(limits.max()) + "]";
        }
        return null;
    }

    private static String bound(Double bound) {
        return bound == null ? "open" : bound.toString();
    }
}
