package org.openfactory.registry.asset;

import java.nio.file.Path;

/**
 * One reason an asset definition is rejected, located in its file.
 *
 * @param file      the asset file, or null when the definition did not come from a file
 * @param line      1-based line, or 0 when unknown
 * @param fieldPath e.g. {@code dataItems[2].modbus.dataType}; empty when the problem is the whole document
 */
public record AssetProblem(Path file, int line, String fieldPath, String message) {

    public AssetProblem {
        fieldPath = fieldPath == null ? "" : fieldPath;
    }

    static AssetProblem of(Path file, YamlLines lines, Violation violation) {
        int line = lines == null ? 0 : lines.lineOf(violation.path()).orElse(0);
        return new AssetProblem(file, line, violation.fieldPath(), violation.message());
    }

    /** {@code tc-1.yaml:14: field 'dataItems[2].modbus.dataType': 'FLOAT' is not one of [BOOL, INT16, ...]} */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(file);
            if (line > 0) {
                text.append(':').append(line);
            }
            text.append(": ");
        }
        if (!fieldPath.isEmpty()) {
            text.append("field '").append(fieldPath).append("': ");
        }
        return text.append(message).toString();
    }
}
