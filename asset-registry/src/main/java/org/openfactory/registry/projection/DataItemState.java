package org.openfactory.registry.projection;

import java.time.Instant;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;

/** The latest known value of one data item of one asset, and the event that carried it. */
public record DataItemState(String assetId, String dataItemId, Category category, Value value, String units,
                            Instant observedAt, Instant ingestedAt, String eventId) {
}
