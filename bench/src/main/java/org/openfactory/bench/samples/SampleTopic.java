package org.openfactory.bench.samples;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.openfactory.model.kafka.EventRecords;

/** Plain reads of a topic with the platform's replay consumer settings: sizes, and a full read from offset 0. */
public final class SampleTopic {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private SampleTopic() {
    }

    public static int partitions(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            return infos == null ? 0 : infos.size();
        }
    }

    /** Records on the topic: the sum of the partitions' end offsets (nothing has been deleted). */
    public static long records(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            return consumer.endOffsets(partitionsOf(consumer, topic), TIMEOUT).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Reads every partition from offset 0 to the end offsets taken at the start, handing each poll's records to
     * {@code batches}, and returns the number of records read.
     */
    static long readAll(String bootstrapServers, String topic, Consumer<ConsumerRecords<String, byte[]>> batches) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than 10 minutes");
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                read += records.count();
                batches.accept(records);
            }
            return read;
        }
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        Properties props = EventRecords.replayConsumerProperties(bootstrapServers, "openfactory-bench-reader");
        return new KafkaConsumer<>(props);
    }
}
