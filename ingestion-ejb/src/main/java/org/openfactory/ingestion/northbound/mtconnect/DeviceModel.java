package org.openfactory.ingestion.northbound.mtconnect;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A device of the agent's probe with its data items by id, from all its components. */
public record DeviceModel(String id, String name, String uuid, Map<String, DataItemModel> dataItems) {

    public DeviceModel {
        Objects.requireNonNull(name, "name");
        dataItems = Map.copyOf(dataItems);
    }

    public Optional<DataItemModel> dataItem(String dataItemId) {
        return Optional.ofNullable(dataItems.get(dataItemId));
    }

    /** Agents accept either in request paths, so asset files may use either. */
    public boolean isNamedBy(String nameOrUuid) {
        return name.equals(nameOrUuid) || nameOrUuid.equals(uuid);
    }
}
