package org.openfactory.registry.asset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One broken rule of an asset definition, located by its field path but not yet by file and line.
 *
 * @param path field names and list indexes from the document root, e.g. {@code dataItems, 2, modbus, dataType};
 *             empty for the document itself
 */
public record Violation(List<Object> path, String message) {

    public Violation {
        path = List.copyOf(path);
        Objects.requireNonNull(message, "message");
    }

    public static Violation at(String message, Object... path) {
        return new Violation(List.of(path), message);
    }

    /** The path as text, e.g. {@code dataItems[2].modbus.dataType}; empty for the document itself. */
    public String fieldPath() {
        return YamlLines.format(path);
    }

    /** The same violation below {@code prefix}. */
    public Violation under(List<Object> prefix) {
        List<Object> full = new ArrayList<>(prefix);
        full.addAll(path);
        return new Violation(full, message);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : "field '" + fieldPath() + "': " + message;
    }
}
