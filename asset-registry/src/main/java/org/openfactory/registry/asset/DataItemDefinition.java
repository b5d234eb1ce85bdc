package org.openfactory.registry.asset;

import java.util.Objects;
import java.util.Optional;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/**
 * A data item of an asset and where its connector finds it on the device.
 *
 * @param units    engineering units, or null
 * @param limits   engineering range (DOUBLE and INTEGER items only), or null
 * @param writable whether a command may write it (never for MTConnect, CONDITION or read-only Modbus tables)
 * @param source   the protocol address; its connector type is the asset's
 */
public record DataItemDefinition(String id, Category category, ValueType valueType, String units, Limits limits,
                                 boolean writable, DataItemSource source) {

    public DataItemDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(source, "source");
    }

    /** A data item without limits. */
    public DataItemDefinition(String id, Category category, ValueType valueType, String units, boolean writable,
                              DataItemSource source) {
        this(id, category, valueType, units, null, writable, source);
    }

    /** Why {@code value} may not be published or written for this item ({@link Limits#problem}); empty if it may. */
    public Optional<String> rangeProblem(Value value) {
        return Limits.problem(value, limits);
    }
}
