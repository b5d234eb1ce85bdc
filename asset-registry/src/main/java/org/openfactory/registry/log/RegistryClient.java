package org.openfactory.registry.log;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.model.kafka.Topics;
import org.openfactory.registry.asset.LocatedAsset;
import org.openfactory.registry.event.RegistryEvent;
import org.openfactory.registry.event.RegistryEventCodec;
import org.openfactory.registry.plan.RegistryPlan;
import org.openfactory.registry.plan.RegistryPlanner;
import org.openfactory.registry.view.RegistryView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the registry from its topic and appends registry events: what the CLI, the run command and tests use to
 * plan and apply asset files. The log is the registry; this class keeps no state of its own.
 */
public final class RegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);

    private final String bootstrapServers;
    private final URI source;
    private final Clock clock;
    private final TopicLayout layout;

    /**
     * @param source this client in events' CloudEvents {@code source}, e.g. {@code /openfactory/cli}
     * @param layout how to create the topics if this client is the first to write
     */
    public RegistryClient(String bootstrapServers, URI source, Clock clock, TopicLayout layout) {
        this.bootstrapServers = bootstrapServers;
        this.source = source;
        this.clock = clock;
        this.layout = layout;
    }

    /** The registry as it is on the log now: every event up to the end offsets taken at the call. */
    public RegistryView read(Duration timeout) {
        RegistryView.Builder builder = RegistryView.builder();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                EventRecords.replayConsumerProperties(bootstrapServers, "openfactory-registry-read"))) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.REGISTRY, timeout);
            if (infos == null || infos.isEmpty()) {
                return RegistryView.empty(); // nothing was ever applied
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading " + Topics.REGISTRY + " from " + bootstrapServers
                            + " took longer than " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        builder.apply(RegistryEventCodec.decode(record.value()));
                    } catch (MalformedEventException e) {
                        LOG.warn("Skipped malformed registry event on {}-{} at offset {} (asset {}): {}",
                                record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
                    }
                }
            }
        }
        return builder.build();
    }

    /** What applying these assets would change, against the registry as it is on the log now. */
    public RegistryPlan plan(List<LocatedAsset> desired, boolean prune, Duration timeout) {
        return RegistryPlanner.planLocated(read(timeout), desired, prune);
    }

    /** Plans these assets and appends the plan's events: only what changed. Returns the plan that was applied. */
    public RegistryPlan apply(List<LocatedAsset> desired, boolean prune, Duration timeout) {
        RegistryPlan plan = plan(desired, prune, timeout);
        append(plan.events(), timeout);
        return plan;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /**
     * Appends the events in order, each keyed by its asset, and returns once the log has acknowledged all of them.
     *
     * @throws IllegalStateException naming the asset and the topic of the first event the log did not take
     */
    public void append(List<RegistryEvent> events, Duration timeout) {
        if (events.isEmpty()) {
            return;
        }
        layout.ensure(bootstrapServers, timeout.toMillis());
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                EventRecords.producerProperties(bootstrapServers, "openfactory-registry-writer"))) {
            for (RegistryEvent event : events) {
                byte[] value = RegistryEventCodec.encode(RegistryEventCodec.envelope(source, event, clock.instant()));
                sent.add(producer.send(EventRecords.record(Topics.REGISTRY, event.assetId(), value)));
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("The log did not take the event for asset "
                            + events.get(i).assetId() + " on " + Topics.REGISTRY + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while appending to " + Topics.REGISTRY, e);
                }
            }
        }
    }
}
