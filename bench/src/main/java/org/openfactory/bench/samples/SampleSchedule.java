package org.openfactory.bench.samples;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openfactory.bench.registry.FactoryAssets;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;

/**
 * Which data item event number {@code k} observes, and its value: a pure function of {@code k}, so the expected
 * state after any prefix of the log can be computed without keeping the events.
 *
 * <p>The (asset, data item) pairs are visited in a fixed stride permutation: within every round of
 * {@code pairs} events each pair is observed exactly once, and consecutive events belong to different assets, as
 * they would arrive from many machines. Values depend on {@code k}, so every round differs from the one before.
 */
public final class SampleSchedule {

    private static final String[] MODES = {"AUTOMATIC", "MANUAL", "MANUAL_DATA_INPUT", "SEMI_AUTOMATIC"};
    private static final ConditionLevel[] LEVELS = {ConditionLevel.NORMAL, ConditionLevel.WARNING,
            ConditionLevel.FAULT};
    /** Every 97th numeric observation is UNAVAILABLE, as a device with bad quality would report. */
    private static final int UNAVAILABLE_EVERY = 97;

    private final List<String> assetIds;
    private final List<URI> sources;
    private final List<DataItemDefinition> items; // the same ids and types for every asset
    private final long pairs;
    private final long stride;
    private final long strideInverse;

    public SampleSchedule(FactoryAssets factory) {
        this.assetIds = new ArrayList<>(factory.size());
        this.sources = new ArrayList<>(factory.size());
        for (AssetDefinition asset : factory.definitions()) {
            assetIds.add(asset.id());
            sources.add(URI.create("/openfactory/bench/opcua/" + asset.id()));
        }
        this.items = factory.get(0).dataItems();
        this.pairs = (long) assetIds.size() * items.size();
        BigInteger modulus = BigInteger.valueOf(pairs);
        long candidate = 7_919; // a prime, far from the item count, so neighbours belong to different assets
        while (!BigInteger.valueOf(candidate).gcd(modulus).equals(BigInteger.ONE)) {
            candidate++;
        }
        this.stride = candidate % pairs;
        this.strideInverse = pairs == 1 ? 0 : BigInteger.valueOf(stride).modInverse(modulus).longValueExact();
    }

    public long pairs() {
        return pairs;
    }

    public int assetCount() {
        return assetIds.size();
    }

    public List<DataItemDefinition> items() {
        return items;
    }

    public String assetId(int assetIndex) {
        return assetIds.get(assetIndex);
    }

    /** The (asset, data item) pair event {@code k} observes: {@code assetIndex * items + itemIndex}. */
    public long pairOf(long k) {
        return Math.floorMod(k % pairs * stride, pairs);
    }

    /** The last event at or before {@code k} that observes {@code pair}, or -1 if there is none. */
    public long lastEventOf(long pair, long k) {
        long first = Math.floorMod(pair * strideInverse, pairs);
        return first > k ? -1 : first + (k - first) / pairs * pairs;
    }

    public String assetIdOf(long k) {
        return assetIds.get((int) (pairOf(k) / items.size()));
    }

    public URI sourceOf(long k) {
        return sources.get((int) (pairOf(k) / items.size()));
    }

    /** Event {@code k}, observed at {@code observedAt}. */
    public SampleObserved sample(long k, Instant observedAt) {
        long pair = pairOf(k);
        DataItemDefinition item = items.get((int) (pair % items.size()));
        return new SampleObserved(assetIds.get((int) (pair / items.size())), item.id(), item.category(),
                valueOf(k, item.valueType()), item.units(), observedAt);
    }

    /** The value event {@code k} carries for an item of this type. */
    public static Value valueOf(long k, ValueType type) {
        return switch (type) {
            case DOUBLE -> k % UNAVAILABLE_EVERY == 0 ? Value.UNAVAILABLE : new Value.Number(k / 100.0);
            case INTEGER -> k % UNAVAILABLE_EVERY == 0 ? Value.UNAVAILABLE : new Value.Integer(k);
            case STRING -> new Value.Text(MODES[(int) (k % MODES.length)] + "/" + k);
            case BOOLEAN -> new Value.Bool(Long.bitCount(k) % 2 == 0);
            case CONDITION -> new Value.Condition(LEVELS[(int) (k % LEVELS.length)], "E" + k % 1000,
                    "condition raised by event " + k);
            case UNAVAILABLE -> Value.UNAVAILABLE;
        };
    }
}
