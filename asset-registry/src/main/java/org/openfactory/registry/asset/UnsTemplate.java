package org.openfactory.registry.asset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The levels of the Unified Namespace above the assets. A UNS path has one segment per level, then the asset id:
 * with the default ISA-95 template {@code enterprise/site/area/line/cell}, {@code acme/plant1/utilities/line1/cell1/tc-1}.
 * A plant that does not use every level configures a shorter template, e.g. {@code enterprise/site/area}.
 */
public record UnsTemplate(List<String> levels) {

    public static final Pattern SEGMENT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]*$");
    private static final Pattern LEVEL_NAME = Pattern.compile("^[a-z][A-Za-z0-9_-]*$");

    /** ISA-95 equipment hierarchy down to the work cell. (After the patterns: the constructor uses them.) */
    public static final UnsTemplate DEFAULT = new UnsTemplate(List.of("enterprise", "site", "area", "line", "cell"));

    public UnsTemplate {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("a UNS template needs at least one level");
        }
        if (new HashSet<>(levels).size() != levels.size()) {
            throw new IllegalArgumentException("UNS template levels must be distinct: " + levels);
        }
        for (String level : levels) {
            if (!LEVEL_NAME.matcher(level).matches()) {
                throw new IllegalArgumentException("UNS level name '" + level + "' must match " + LEVEL_NAME);
            }
        }
    }

    /** @param template level names separated by '/', e.g. {@code enterprise/site/area} (from configuration) */
    public static UnsTemplate parse(String template) {
        return new UnsTemplate(List.of(template.strip().split("/", -1)));
    }

    /** {@code enterprise/site/area/line/cell/<assetId>}, for messages. */
    public String describe() {
        return String.join("/", levels) + "/<assetId>";
    }

    @Override
    public String toString() {
        return String.join("/", levels);
    }

    /**
     * What is wrong with {@code unsPath} for the asset {@code assetId}; empty when it fits. Each message names the
     * level that is wrong, e.g. "level 'line' is missing".
     */
    public List<String> problems(String unsPath, String assetId) {
        List<String> problems = new ArrayList<>();
        if (unsPath == null || unsPath.isBlank()) {
            problems.add("the UNS path is empty; expected " + describe());
            return problems;
        }
        String[] segments = unsPath.split("/", -1);
        String last = segments[segments.length - 1];
        if (!last.equals(assetId)) {
            problems.add("last segment must be the asset id '" + assetId + "', found '" + last + "' (expected "
                    + describe() + ")");
        }
        int found = segments.length - 1; // segments before the asset id
        for (int i = 0; i < Math.min(found, levels.size()); i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                problems.add("level '" + levels.get(i) + "' is empty (no leading, trailing or double '/')");
            } else if (!SEGMENT.matcher(segment).matches()) {
                problems.add("level '" + levels.get(i) + "': '" + segment + "' must match " + SEGMENT.pattern());
            }
        }
        if (found < levels.size()) {
            List<String> missing = levels.subList(found, levels.size());
            problems.add(missing.size() == 1
                    ? "level '" + missing.get(0) + "' is missing (expected " + describe() + ")"
                    : "levels " + missing.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "))
                            + " are missing (expected " + describe() + ")");
        } else if (found > levels.size()) {
            problems.add("too many levels: " + found + " segments before the asset id, the template has "
                    + levels.size() + " (" + describe() + ")");
        }
        return problems;
    }
}
