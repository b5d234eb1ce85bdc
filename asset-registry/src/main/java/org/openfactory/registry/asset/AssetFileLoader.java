package org.openfactory.registry.asset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads asset definition files ({@code *.yaml}, {@code *.yml}; format {@code openfactory/v1}) from a folder meant for
 * version control. All or nothing: every problem of every file, and across files (duplicate ids, two assets on one
 * UNS path), is collected and reported together in an {@link AssetValidationException}; then nothing is returned.
 * Every problem names the file, the line and the field path.
 */
public final class AssetFileLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    private static final AssetFileLoader DEFAULTS = new AssetFileLoader(UnsTemplate.DEFAULT);

    private final UnsTemplate template;

    /** @param template the UNS levels every asset's {@code unsPath} must follow */
    public AssetFileLoader(UnsTemplate template) {
        this.template = template;
    }

    /** A loader with the default ISA-95 UNS template. */
    public static AssetFileLoader withDefaults() {
        return DEFAULTS;
    }

    /** All assets of a folder with the default UNS template, in file name order. */
    public static List<AssetDefinition> loadFolder(Path folder) {
        return DEFAULTS.readFolder(folder);
    }

    /** One asset file with the default UNS template. */
    public static AssetDefinition load(Path file) {
        return DEFAULTS.readFile(file);
    }

    public UnsTemplate template() {
        return template;
    }

    /**
     * @throws AssetValidationException listing every problem of every file; nothing is returned then
     */
    public List<AssetDefinition> readFolder(Path folder) {
        return readFolderLocated(folder).stream().map(LocatedAsset::definition).toList();
    }

    /** Like {@link #readFolder}, keeping where each asset was read. */
    public List<LocatedAsset> readFolderLocated(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new AssetValidationException(List.of(new AssetProblem(folder, 0, "",
                    "asset folder does not exist or is not a folder")));
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(AssetFileLoader::isAssetFile).sorted().toList();
        } catch (IOException e) {
            throw new AssetValidationException(List.of(new AssetProblem(folder, 0, "", "cannot list folder: "
                    + e.getMessage())));
        }
        return readFiles(files);
    }

    public AssetDefinition readFile(Path file) {
        return readFiles(List.of(file)).get(0).definition();
    }

    /**
     * Reads the files as one set: ids and UNS paths must be unique across them.
     *
     * @throws AssetValidationException listing every problem; nothing is returned then
     */
    public List<LocatedAsset> readFiles(List<Path> files) {
        List<FileRead> reads = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                reads.add(FileRead.failed(file, "cannot read: " + e));
                continue;
            }
            reads.add(read(file, text));
        }
        return finish(reads);
    }

    /**
     * Reads one document given as text; {@code file} only names it in problems.
     *
     * @throws AssetValidationException listing every problem of the document
     */
    public AssetDefinition readText(Path file, String yaml) {
        return finish(List.of(read(file, yaml))).get(0).definition();
    }

    private List<LocatedAsset> finish(List<FileRead> reads) {
        crossFileChecks(reads);
        List<AssetProblem> problems = new ArrayList<>();
        for (FileRead read : reads) {
            read.problems.sort(Comparator.comparingInt(AssetProblem::line));
            problems.addAll(read.problems);
        }
        if (!problems.isEmpty()) {
            throw new AssetValidationException(problems);
        }
        return reads.stream().map(r -> new LocatedAsset(r.parts.asset(), r.file, r.line("id"), r.line("unsPath")))
                .toList();
    }

    private FileRead read(Path file, String text) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            return FileRead.failed(file, lineOf(e.getLocation()), malformed(e));
        }
        YamlLines lines = YamlLines.of(text);
        AssetReader.Parts parts = AssetReader.read(tree, true);
        List<Violation> violations = new ArrayList<>(parts.problems());
        violations.addAll(parts.asset() != null
                ? AssetValidator.validate(parts.asset(), template)
                : AssetValidator.validateParts(parts.id(), parts.unsPath(), parts.type(), parts.connector(),
                        parts.items(), template));
        List<AssetProblem> problems = new ArrayList<>();
        violations.forEach(v -> problems.add(AssetProblem.of(file, lines, v)));
        return new FileRead(file, lines, parts, problems);
    }

    /** Ids and UNS paths must be unique across the set; the later file gets the problem. */
    private static void crossFileChecks(List<FileRead> reads) {
        Map<String, FileRead> byId = new HashMap<>();
        Map<String, FileRead> byPath = new HashMap<>();
        for (FileRead read : reads) {
            if (read.parts == null) {
                continue;
            }
            String id = read.parts.id();
            String path = read.parts.unsPath();
            if (id != null) {
                FileRead earlier = byId.putIfAbsent(id, read);
                if (earlier != null) {
                    read.problems.add(read.problem("id", "asset id '" + id + "' is already defined in "
                            + earlier.file));
                }
            }
            if (path != null) {
                FileRead earlier = byPath.putIfAbsent(path, read);
                if (earlier != null && (id == null || !id.equals(earlier.parts.id()))) {
                    read.problems.add(read.problem("unsPath", "UNS path '" + path + "' is already claimed by asset '"
                            + earlier.parts.id() + "' in " + earlier.file));
                }
            }
        }
    }

    private static String malformed(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(message == null ? "" : message);
        if (duplicate.find()) {
            return "malformed YAML: field '" + duplicate.group(1) + "' appears twice in one mapping";
        }
        return "malformed YAML: " + (message == null ? e.toString() : message.strip());
    }

    private static boolean isAssetFile(Path p) {
        String name = p.getFileName().toString();
        // dot files are editor backups and the like, never assets
        return Files.isRegularFile(p) && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static int lineOf(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    /** One file's reading: what could be read, its lines, and its problems so far. */
    private static final class FileRead {
        final Path file;
        final YamlLines lines;
        final AssetReader.Parts parts;
        final List<AssetProblem> problems;

        FileRead(Path file, YamlLines lines, AssetReader.Parts parts, List<AssetProblem> problems) {
            this.file = file;
            this.lines = lines;
            this.parts = parts;
            this.problems = problems;
        }

        static FileRead failed(Path file, String message) {
            return failed(file, 0, message);
        }

        static FileRead failed(Path file, int line, String message) {
            return new FileRead(file, null, null, new ArrayList<>(List.of(new AssetProblem(file, line, "", message))));
        }

        int line(String field) {
            return lines == null ? 0 : lines.lineOf(List.of(field)).orElse(0);
        }

        AssetProblem problem(String field, String message) {
            return new AssetProblem(file, line(field), field, message);
        }
    }
}
