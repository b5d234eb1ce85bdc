package org.openfactory.registry.asset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads asset definition files ({@code *.yaml}, {@code *.yml}) from a folder meant for version control.
 * Unknown fields are rejected; every error names the file, the line and the field.
 */
public final class AssetFileLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private AssetFileLoader() {
    }

    /** All assets of a folder, in file name order. Asset ids must be unique across the folder. */
    public static List<AssetDefinition> loadFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new AssetFileException(folder, 0, null, "asset folder does not exist or is not a folder", null);
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(AssetFileLoader::isAssetFile).sorted().toList();
        } catch (IOException e) {
            throw new AssetFileException(folder, 0, null, "cannot list folder: " + e.getMessage(), e);
        }
        List<AssetDefinition> assets = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            AssetDefinition asset = load(file);
            Path earlier = seen.putIfAbsent(asset.id(), file);
            if (earlier != null) {
                throw new AssetFileException(file, 0, "id", "asset id '" + asset.id() + "' is already defined in "
                        + earlier, null);
            }
            assets.add(asset);
        }
        return assets;
    }

    public static AssetDefinition load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new AssetFileException(file, 0, null, "cannot read: " + e.getMessage(), e);
        }
        try {
            return YAML.readValue(text, AssetDefinition.class);
        } catch (JsonMappingException e) {
            List<Object> path = pathOf(e);
            int line = YamlLines.lineOf(text, path).orElse(lineOf(e.getLocation()));
            throw new AssetFileException(file, line, path.isEmpty() ? null : YamlLines.format(path), problemOf(e), e);
        } catch (JsonProcessingException e) {
            throw new AssetFileException(file, lineOf(e.getLocation()), null, "malformed YAML: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static boolean isAssetFile(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static int lineOf(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    /** The failing field as path elements (names and list indexes), the unknown field included. */
    private static List<Object> pathOf(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.add(ref.getIndex());
            }
        }
        if (e instanceof UnrecognizedPropertyException u && (path.isEmpty()
                || !u.getPropertyName().equals(path.get(path.size() - 1)))) {
            path.add(u.getPropertyName());
        }
        return path;
    }

    private static String problemOf(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof NullPointerException npe && npe.getMessage() != null) {
            return "missing required field '" + npe.getMessage() + "'";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "' (known: " + u.getKnownPropertyIds() + ")";
        }
        return e.getOriginalMessage();
    }
}
