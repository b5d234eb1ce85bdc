package org.openfactory.registry.log;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.command.CommandResult;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.Topics;
import org.openfactory.model.value.Value;

/**
 * Issues commands to the log and follows their results, for tools and tests. It talks to Kafka only: whichever
 * platform instance owns the asset executes the command.
 */
public final class CommandClient implements AutoCloseable {

    private final String bootstrapServers;
    private final URI source;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;

    public CommandClient(String bootstrapServers, URI source, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.source = source;
        this.clock = clock;
        this.producer = new KafkaProducer<>(EventRecords.producerProperties(bootstrapServers,
                "openfactory-command-client"));
    }

    /**
     * Appends a new command with a fresh correlation id and waits until the log has it.
     *
     * @param ttl how long the command may wait for its connector before it expires
     */
    public CommandIssued issue(String assetId, String target, List<Value> arguments, String issuer, Duration ttl,
                               Duration timeout) {
        Instant now = clock.instant();
        return issue(new CommandIssued(UUID.randomUUID().toString(), assetId, target, arguments, issuer, now,
                now.plus(ttl)), timeout);
    }

    /** Appends the command as given (the caller chose its correlation id) and waits until the log has it. */
    public CommandIssued issue(CommandIssued command, Duration timeout) {
        String assetId = command.assetId();
        byte[] value = EventCodecs.COMMAND.encode(EventCodecs.COMMAND.envelope(source, command, clock.instant()));
        try {
            producer.send(EventRecords.record(Topics.COMMANDS, assetId, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while issuing command for " + command.subject(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not append the command for " + command.subject() + " to "
                    + Topics.COMMANDS + " at " + bootstrapServers + ": " + e, e);
        }
        return command;
    }

    /**
     * Follows the results topic from the given position until the command has its final result.
     *
     * @param from     the results topic's end offsets taken before the command was issued ({@link #resultsEnd()})
     * @param progress called with each result of the command as it arrives, the final one included
     * @return the final result
     * @throws IllegalStateException if none arrives within the timeout
     */
    public CommandResult awaitFinal(String correlationId, Map<TopicPartition, Long> from,
                                    Consumer<CommandResult> progress, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = resultsConsumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    CommandResult result;
                    try {
                        result = EventCodecs.COMMAND_RESULT.decode(record.value()).payload();
                    } catch (MalformedEventException e) {
                        continue; // not ours to judge here; the platform logs it
                    }
                    if (result.correlationId().equals(correlationId)) {
                        progress.accept(result);
                        if (result.isFinal()) {
                            return result;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no final result for command " + correlationId + " on "
                + Topics.COMMAND_RESULTS + " within " + timeout.toSeconds() + " s; is the platform running?");
    }

    /** Where the results topic ends now: results of a command issued after this call come later. */
    public Map<TopicPartition, Long> resultsEnd() {
        try (KafkaConsumer<String, byte[]> consumer = resultsConsumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.COMMAND_RESULTS, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    private KafkaConsumer<String, byte[]> resultsConsumer() {
        Properties props = EventRecords.replayConsumerProperties(bootstrapServers, "openfactory-command-client");
        return new KafkaConsumer<>(props);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
