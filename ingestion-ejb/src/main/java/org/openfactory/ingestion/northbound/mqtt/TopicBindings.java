package org.openfactory.ingestion.northbound.mqtt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.MqttSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data items of an asset by the MQTT topic their values arrive on ({@code mqtt.topic}); several items may read
 * one topic (e.g. fields of one JSON payload). METHOD items have no topic: commands call them.
 */
final class TopicBindings {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBindings.class);

    private final Map<String, List<DataItemDefinition>> byTopic;

    private TopicBindings(Map<String, List<DataItemDefinition>> byTopic) {
        this.byTopic = byTopic;
    }

    static TopicBindings of(AssetDefinition asset) {
        Map<String, List<DataItemDefinition>> byTopic = new LinkedHashMap<>();
        for (DataItemDefinition item : asset.dataItems()) {
            if (!(item.source() instanceof MqttSource mqtt)) {
                LOG.error("Asset {}: data item {} is not subscribed: it has a {} mapping, not an MQTT one",
                        asset.id(), item.id(), item.source().connectorType());
                continue;
            }
            if (mqtt.topic() == null) {
                continue; // a METHOD, called on its commandTopic
            }
            byTopic.computeIfAbsent(mqtt.topic(), t -> new ArrayList<>()).add(item);
        }
        byTopic.replaceAll((topic, items) -> List.copyOf(items));
        return new TopicBindings(Map.copyOf(byTopic));
    }

    Set<String> topics() {
        return byTopic.keySet();
    }

    /** The items reading {@code topic}; empty for a topic of none. */
    List<DataItemDefinition> itemsOn(String topic) {
        return byTopic.getOrDefault(topic, List.of());
    }

    int itemCount() {
        return byTopic.values().stream().mapToInt(List::size).sum();
    }
}
