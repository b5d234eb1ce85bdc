package org.openfactory.ingestion.southbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the results topic from the beginning to its current end into a {@link CommandJournal}. */
final class CommandJournalReplay {

    private static final Logger LOG = LoggerFactory.getLogger(CommandJournalReplay.class);

    private CommandJournalReplay() {
    }

    static void into(CommandJournal journal, String bootstrapServers, String clientId, BooleanSupplier running) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                EventRecords.replayConsumerProperties(bootstrapServers, clientId))) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.COMMAND_RESULTS, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.COMMAND_RESULTS + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running.getAsBoolean()
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        journal.record(EventCodecs.COMMAND_RESULT.decode(record.value()).payload());
                    } catch (MalformedEventException e) {
                        LOG.warn("Skipped malformed command result on {}-{} at offset {}: {}", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        }
    }
}
