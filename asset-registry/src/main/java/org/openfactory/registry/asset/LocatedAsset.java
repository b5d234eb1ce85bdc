package org.openfactory.registry.asset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A definition and where it was read, so problems found later (e.g. by the registry planner, against assets
 * already registered) can still point at the file and line.
 *
 * @param file        the asset file, or null for a definition built in code
 * @param idLine      line of {@code id}, 0 if unknown
 * @param unsPathLine line of {@code unsPath}, 0 if unknown
 */
public record LocatedAsset(AssetDefinition definition, Path file, int idLine, int unsPathLine) {

    public LocatedAsset {
        Objects.requireNonNull(definition, "definition");
    }

    /** A definition that did not come from a file. */
    public static LocatedAsset unlocated(AssetDefinition definition) {
        return new LocatedAsset(definition, null, 0, 0);
    }

    /** A problem with this asset's {@code id} or {@code unsPath}, at its line. */
    public AssetProblem problem(String field, String message) {
        int line = "id".equals(field) ? idLine : "unsPath".equals(field) ? unsPathLine : 0;
        String text = file == null ? "asset '" + definition.id() + "': " + message : message;
        return new AssetProblem(file, line, field, text);
    }
}
