package org.openfactory.ingestion.southbound;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.openfactory.model.command.CommandAccepted;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the command topic to the {@link CommandDispatcher}. First the journal is rebuilt from the results topic and
 * commands accepted by an earlier run without an outcome are closed as OUTCOME_UNKNOWN; then commands are consumed
 * in a consumer group, and an offset is committed only after the command's first result is on the log. A record
 * that is not a command is logged with topic, partition and offset and skipped.
 */
public final class CommandConsumer implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final String groupId;
    private final CommandDispatcher dispatcher;
    private final CommandJournal journal;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    public CommandConsumer(String bootstrapServers, String groupId, CommandDispatcher dispatcher,
                           CommandJournal journal) {
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.dispatcher = dispatcher;
        this.journal = journal;
        Properties props = EventRecords.replayConsumerProperties(bootstrapServers, groupId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        this.consumer = new KafkaConsumer<>(props);
    }

    @Override
    public void run() {
        try {
            CommandJournalReplay.into(journal, bootstrapServers, groupId + "-journal", () -> running);
            for (CommandAccepted accepted : journal.unfinished()) {
                dispatcher.abandon(accepted);
            }
            consumer.subscribe(List.of(Topics.COMMANDS));
            LOG.info("Executing commands from {} (group {}); {} earlier commands have results", Topics.COMMANDS,
                    groupId, journal.size());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                Map<TopicPartition, OffsetAndMetadata> decided = new HashMap<>();
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        if (!handle(record)) {
                            consumer.seek(partition, record.offset()); // offered again at the next poll
                            break;
                        }
                        decided.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                if (!decided.isEmpty()) {
                    consumer.commitSync(decided);
                }
            }
        } catch (WakeupException | InterruptException e) {
            // close() was called, or the container interrupted the thread at shutdown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Command execution from {} stopped: {}", Topics.COMMANDS, e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    /** @return true when the command is decided (or not a command); false to offer it again later */
    private boolean handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        if (record.value() == null) {
            return true;
        }
        CommandIssued command;
        try {
            command = EventCodecs.COMMAND.decode(record.value()).payload();
        } catch (MalformedEventException e) {
            LOG.warn("Skipped malformed command on {}-{} at offset {} (key {}): {}", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage());
            return true;
        }
        try {
            dispatcher.dispatch(command);
            return true;
        } catch (CommandDispatcher.ResultNotWrittenException e) {
            LOG.warn("{}; retrying in {} ms", e.getMessage(), RETRY_DELAY.toMillis());
            Thread.sleep(RETRY_DELAY.toMillis());
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        stopped.await(10, TimeUnit.SECONDS);
    }
}
