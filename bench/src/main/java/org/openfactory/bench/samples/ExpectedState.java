package org.openfactory.bench.samples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.projection.DataItemState;

/** Compares a projected state with what the {@link SampleSchedule} says it must be after a prefix of the log. */
public final class ExpectedState {

    private final SampleSchedule schedule;

    public ExpectedState(SampleSchedule schedule) {
        this.schedule = schedule;
    }

    /** Data item id -> value of the asset after events {@code 0..lastEvent}; items not yet observed are absent. */
    public Map<String, Value> of(int assetIndex, long lastEvent) {
        Map<String, Value> expected = new HashMap<>();
        List<DataItemDefinition> items = schedule.items();
        for (int i = 0; i < items.size(); i++) {
            long event = schedule.lastEventOf((long) assetIndex * items.size() + i, lastEvent);
            if (event >= 0) {
                expected.put(items.get(i).id(), SampleSchedule.valueOf(event, items.get(i).valueType()));
            }
        }
        return expected;
    }

    /** What differs, one line per data item; empty when the state is the expected one. */
    public List<String> differences(int assetIndex, long lastEvent, Map<String, DataItemState> actual) {
        Map<String, Value> expected = of(assetIndex, lastEvent);
        List<String> differences = new ArrayList<>();
        String assetId = schedule.assetId(assetIndex);
        expected.forEach((item, value) -> {
            DataItemState state = actual.get(item);
            if (state == null || !Objects.equals(state.value(), value)) {
                differences.add(assetId + "/" + item + ": expected " + value + ", got "
                        + (state == null ? "nothing" : state.value()));
            }
        });
        actual.keySet().stream().filter(item -> !expected.containsKey(item))
                .forEach(item -> differences.add(assetId + "/" + item + ": not expected, got "
                        + actual.get(item).value()));
        return differences;
    }

    /** Data items with a value after events {@code 0..lastEvent}, over all assets. */
    public long observedItems(long lastEvent) {
        long count = 0;
        for (long pair = 0; pair < schedule.pairs(); pair++) {
            if (schedule.lastEventOf(pair, lastEvent) >= 0) {
                count++;
            }
        }
        return count;
    }
}
