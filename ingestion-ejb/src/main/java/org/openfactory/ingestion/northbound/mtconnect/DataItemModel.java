package org.openfactory.ingestion.northbound.mtconnect;

import java.util.Objects;

import org.openfactory.model.value.Category;

/**
 * A data item as the agent's probe describes it.
 *
 * @param name    or null
 * @param subType e.g. {@code ACTUAL}, or null
 * @param units   e.g. {@code MILLIMETER}, or null
 */
public record DataItemModel(String id, String name, Category category, String type, String subType, String units) {

    public DataItemModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
    }
}
