package org.openfactory.registry.asset;

import java.util.Map;
import java.util.Objects;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;

/**
 * A data item of an asset and where its connector finds it on the device.
 *
 * @param units  engineering units, or null
 * @param source protocol-specific address, e.g. {@code nodeId: "ns=2;s=TemperatureController/Temperature"}
 */
public record DataItemDefinition(String id, Category category, ValueType valueType, String units, boolean writable,
                                 Map<String, String> source) {
    public DataItemDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(valueType, "valueType");
        source = Map.copyOf(source);
    }
}
