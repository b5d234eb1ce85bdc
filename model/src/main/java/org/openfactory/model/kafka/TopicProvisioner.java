package org.openfactory.model.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the platform's topics if they are missing. Safe to run from every instance at every start. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /**
     * @param replicationFactor 1 for a single broker; production clusters use 3
     * @throws IllegalStateException naming the broker and topic when the cluster cannot be reached in time
     */
    public static void ensure(String bootstrapServers, List<Topic> topics, short replicationFactor, long timeoutMs) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, 30_000));
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.configs()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            List<String> created = new ArrayList<>();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                    LOG.info("Created topic {} ({} partitions, {})", topic.name(), topic.numPartitions(),
                            topic.configs());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                        continue; // another instance won the race
                    }
                    throw new IllegalStateException("Cannot create topic " + topic.name() + " on " + bootstrapServers
                            + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
            awaitLeaders(bootstrapServers, created, Duration.ofMillis(timeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics on " + bootstrapServers, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeoutMs
                    + " ms while listing topics: " + e, e);
        }
    }

    /**
     * Returns once the brokers lead every partition of the topics. A topic exists as soon as the controller accepts
     * it, a moment before a broker takes writes for it; an idempotent producer writing in that moment can have its
     * first batch refused and a later one accepted, then retry the first until it expires: records lost
     * (KAFKA-15591). Asking each partition's leader for its end offset succeeds only once it leads.
     */
    static void awaitLeaders(String bootstrapServers, List<String> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                EventRecords.replayConsumerProperties(bootstrapServers, "openfactory-topic-readiness"))) {
            for (String topic : topics) {
                List<PartitionInfo> infos = partitionsOf(consumer, topic, timeout);
                if (infos.isEmpty()) {
                    throw new IllegalStateException("Topic " + topic + " was created on " + bootstrapServers
                            + " but has no partitions after " + timeout.toSeconds() + " s");
                }
                consumer.endOffsets(infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList(),
                        timeout);
            }
        }
    }

    /**
     * The topic's partitions once the broker's metadata knows it. Right after creation the metadata may not, and
     * {@code partitionsFor} then answers an empty list at once instead of waiting: ask again, for at least
     * {@value #MIN_METADATA_ATTEMPTS} attempts even if the clock jumps (seen on virtual machines).
     */
    private static List<PartitionInfo> partitionsOf(KafkaConsumer<String, byte[]> consumer, String topic,
                                                    Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos != null && !infos.isEmpty()) {
                return infos;
            }
            if (attempt >= MIN_METADATA_ATTEMPTS && System.nanoTime() >= deadline) {
                return List.of();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    private static final int MIN_METADATA_ATTEMPTS = 50;
}
