package org.openfactory.registry.asset;

import java.nio.file.Path;

/** An asset file cannot be accepted. The message names the file, the line and the field. */
public class AssetFileException extends RuntimeException {

    private final Path file;

    public AssetFileException(Path file, int line, String field, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + (field == null ? "" : ": field '" + field + "'") + ": " + problem,
                cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
