package org.openfactory.model.event;

import java.time.Instant;
import java.util.Objects;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;

/**
 * A data item of an asset was observed with a value at a time given by the device.
 *
 * @param units engineering units as declared for the data item, or null
 */
public record SampleObserved(String assetId, String dataItemId, Category category, Value value, String units,
                             Instant observedAt) {

    public SampleObserved {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(dataItemId, "dataItemId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /** The CloudEvents subject of this event: {@code <assetId>/<dataItemId>}. */
    public String subject() {
        return assetId + "/" + dataItemId;
    }
}
