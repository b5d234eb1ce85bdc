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

/** Finds the line of a field in a YAML document, so errors can point at it. */
final class YamlLines {

    private YamlLines() {
    }

    /** @param path field names and list indexes from the root, e.g. {@code dataItems, 0, units} */
    static OptionalInt lineOf(String yaml, List<Object> path) {
        Node node;
        try {
            node = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
        int line = 0;
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
        return line == 0 ? OptionalInt.empty() : OptionalInt.of(line);
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
