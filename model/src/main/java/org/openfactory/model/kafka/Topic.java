package org.openfactory.model.kafka;

import java.util.Map;

/**
 * A topic of the log and the settings it is created with.
 *
 * @param configs topic-level configs (cleanup policy, retention) applied at creation
 */
public record Topic(String name, int partitions, Map<String, String> configs) {
}
