package org.openfactory.ingestion.northbound.mqtt;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.MqttSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each MQTT message into samples of the data items reading its topic. Runs inside the MQTT client's delivery
 * callback, so it never throws (the client would drop the connection): a message that cannot be read, a value of
 * the wrong type or out of range is logged and skipped, and the next message is handled as usual.
 *
 * <p>Logs are rate-limited: the first bad message of a topic (or value of a data item) is a WARN, repeats are DEBUG
 * until a good one arrives again, so a misconfigured device cannot flood the log.
 */
final class MessageForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(MessageForwarder.class);

    private final String assetId;
    private final TopicBindings bindings;
    private final MqttMessageDecoder decoder;
    private final URI source;
    private final SampleSink sink;
    /** Topics and data items whose last message or value was bad and already warned about. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    MessageForwarder(String assetId, TopicBindings bindings, MqttMessageDecoder decoder, URI source,
                     SampleSink sink) {
        this.assetId = assetId;
        this.bindings = bindings;
        this.decoder = decoder;
        this.source = source;
        this.sink = sink;
    }

    void onMessage(String topic, MqttMessage message, Instant receivedAt) {
        List<DataItemDefinition> items = bindings.itemsOn(topic);
        if (items.isEmpty()) {
            // e.g. a subscription left in the broker's session by an earlier definition of the asset
            LOG.debug("Asset {}: message on topic {} ignored: no data item reads it", assetId, topic);
            return;
        }
        Reading reading;
        try {
            reading = decoder.decode(message, receivedAt);
        } catch (BadPayloadException e) {
            skipped("topic:" + topic, "Asset {}: message on topic {} skipped (data items {}): {}", assetId, topic,
                    items.stream().map(DataItemDefinition::id).toList(), e.getMessage());
            return;
        }
        warned.remove("topic:" + topic);
        for (DataItemDefinition item : items) {
            forward(topic, item, reading);
        }
    }

    private void forward(String topic, DataItemDefinition item, Reading reading) {
        Value value;
        try {
            JsonNode json = decoder.valueOf(reading, (MqttSource) item.source());
            value = JsonValues.toValue(json, item.valueType());
        } catch (BadPayloadException e) {
            skipped("item:" + item.id(), "Asset {}: data item {} (topic {}) skipped a value: {}", assetId, item.id(),
                    topic, e.getMessage());
            return;
        }
        Optional<String> outOfRange = LimitsCheck.violation(item, value);
        if (outOfRange.isPresent()) {
            skipped("item:" + item.id(), "Asset {}: data item {} (topic {}) not published: {}", assetId, item.id(),
                    topic, outOfRange.get());
            return;
        }
        if (warned.remove("item:" + item.id())) {
            LOG.info("Asset {}: data item {} (topic {}) has valid values again", assetId, item.id(), topic);
        }
        try {
            sink.accept(source, new SampleObserved(assetId, item.id(), item.category(), value, item.units(),
                    reading.observedAt()));
        } catch (RuntimeException e) {
            LOG.error("Asset {}: sample of data item {} (topic {}) was lost, the sink failed", assetId, item.id(),
                    topic, e);
        }
    }

    private void skipped(String key, String format, Object... args) {
        if (warned.add(key)) {
            LOG.warn(format, args);
        } else {
            LOG.debug(format, args);
        }
    }
}
