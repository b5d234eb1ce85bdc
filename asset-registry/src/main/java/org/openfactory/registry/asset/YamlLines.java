package org.openfactory.registry.asset;

import java.io.StringReader;
import java.util.List;
import java.util.OptionalInt;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line of a field in a YAML document, so errors can point at it. The document is composed once; a path
 * that does not exist (a missing field) resolves to the line of its deepest existing parent.
 */
final class YamlLines {

    private final Node root;

    private YamlLines(Node root) {
        this.root = root;
    }

    /** The lines of {@code yaml}; a document SnakeYAML cannot compose has no lines. */
    static YamlLines of(String yaml) {
        try {
            return new YamlLines(new Yaml(new LoaderOptions()).compose(new StringReader(yaml)));
        } catch (RuntimeException e) {
            return new YamlLines(null);
        }
    }

    /** @param path field names and list indexes from the root, e.g. {@code dataItems, 0, units} */
    static OptionalInt lineOf(String yaml, List<Object> path) {
        return of(yaml).lineOf(path);
    }

    /** The line (1-based) of the field at {@code path}, or of its deepest existing parent. */
    OptionalInt lineOf(List<Object> path) {
        Node node = root;
        if (node == null) {
            return OptionalInt.empty();
        }
        int line = node.getStartMark().getLine() + 1;
        for (Object step : path) {
            if (node instanceof MappingNode mapping && step instanceof String name) {
                NodeTuple match = mapping.getValue().stream()
                        .filter(t -> t.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name))
                        .findFirst().orElse(null);
                if (match == null) {
                    break;
                }
                line = match.getKeyNode().getStartMark().getLine() + 1;
                node = match.getValueNode();
            } else if (node instanceof SequenceNode sequence && step instanceof Integer index
                    && index < sequence.getValue().size()) {
                node = sequence.getValue().get(index);
                line = node.getStartMark().getLine() + 1;
            } else {
                break;
            }
        }
        return OptionalInt.of(line);
    }

    /** {@code dataItems, 0, units} as {@code dataItems[0].units}. */
    static String format(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                text.append(text.isEmpty() ? "" : ".").append(step);
            }
        }
        return text.toString();
    }
}
