package org.openfactory.registry.asset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An asset as declared in its version-controlled file ({@code apiVersion: openfactory/v1}, {@code kind: Asset}).
 * Plain data: the rules of the format are checked by {@link AssetValidator} and {@link AssetFileLoader}.
 *
 * @param id          stable, unique asset id; the Kafka key of all its events
 * @param unsPath     the asset's place in the Unified Namespace, e.g. {@code acme/plant1/area1/line1/cell1/tc-1}
 * @param description free text, or null
 */
public record AssetDefinition(String id, String unsPath, String type, String description,
                              ConnectorBinding connector, List<DataItemDefinition> dataItems) {

    public static final String API_VERSION = "openfactory/v1";
    public static final String KIND = "Asset";

    public AssetDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(unsPath, "unsPath");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(connector, "connector");
        dataItems = List.copyOf(dataItems);
    }

    /** An asset without description. */
    public AssetDefinition(String id, String unsPath, String type, ConnectorBinding connector,
                           List<DataItemDefinition> dataItems) {
        this(id, unsPath, type, null, connector, dataItems);
    }

    public Optional<DataItemDefinition> dataItem(String dataItemId) {
        return dataItems.stream().filter(d -> d.id().equals(dataItemId)).findFirst();
    }
}
