package org.openfactory.registry.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.kafka.EventRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a topic from offset 0 into a projection, then follows it live. Every instance reads all partitions itself
 * (no consumer group): each holds the whole projection. A record that does not decode is logged with topic,
 * partition and offset and skipped; the projection goes on.
 */
public final class LogFollower<T> implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);

    private final String topic;
    private final Function<byte[], Envelope<T>> decoder;
    private final Consumer<Envelope<T>> projection;
    private final KafkaConsumer<String, byte[]> consumer;
    private final int decodeThreads;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile long applied;
    private volatile long skipped;

    /**
     * @param decoder    turns a record value into an event; throws {@link MalformedEventException} if it cannot
     * @param projection applies one event; called on the follower's thread only, in log order per partition
     */
    public LogFollower(String bootstrapServers, String topic, Function<byte[], Envelope<T>> decoder,
                       Consumer<Envelope<T>> projection) {
        this(bootstrapServers, topic, decoder, projection, 1);
    }

    /**
     * @param decodeThreads threads that decode a poll's records (the follower's own among them); the decoder must
     *                      then be thread-safe. The projection is still applied on the follower's thread, in log order.
     */
    public LogFollower(String bootstrapServers, String topic, Function<byte[], Envelope<T>> decoder,
                       Consumer<Envelope<T>> projection, int decodeThreads) {
        this.decodeThreads = decodeThreads;
        this.topic = topic;
        this.decoder = decoder;
        this.projection = projection;
        Properties props = EventRecords.replayConsumerProperties(bootstrapServers, "openfactory-follow-" + topic);
        // a rebuild reads the whole log: big polls amortise the per-poll work and give the decoding threads enough
        // to share (the defaults are 500 records and 1 MB per partition)
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        this.consumer = new KafkaConsumer<>(props);
    }

    @Override
    public void run() {
        try (BatchDecoder<T> batches = new BatchDecoder<>(decoder, decodeThreads, "follow-" + topic)) {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> replayEnd = consumer.endOffsets(partitions);
            long started = System.nanoTime();
            LOG.info("Replaying {} from offset 0 ({} partitions, {} records to catch up)", topic, partitions.size(),
                    replayEnd.values().stream().mapToLong(Long::longValue).sum());
            Polled pending = null; // polled and being decoded, not applied yet
            while (running) {
                // while a batch is decoding, only take what is already fetched, then apply it
                ConsumerRecords<String, byte[]> records =
                        consumer.poll(pending == null ? Duration.ofMillis(200) : Duration.ZERO);
                Polled next = records.isEmpty() ? null
                        : new Polled(records, batches, caughtUp.getCount() > 0 && reached(replayEnd));
                if (pending != null) {
                    applyAll(pending, started); // the older batch first: log order
                }
                pending = next;
                if (pending != null && !pending.batch.isAsync()) { // decoded already: apply now, not after a poll
                    applyAll(pending, started);
                    pending = null;
                }
                if (pending == null && caughtUp.getCount() > 0 && reached(replayEnd)) {
                    markCaughtUp(started);
                }
            }
        } catch (WakeupException | InterruptException e) {
            // close() was called, or the container interrupted its thread at shutdown
        } catch (RuntimeException e) {
            LOG.error("Projection of {} stopped: {}", topic, e.toString(), e);
        } finally {
            closeConsumer();
            stopped.countDown();
        }
    }

    /** One poll's records and their decoding, started when polled. */
    private final class Polled {
        final List<ConsumerRecord<String, byte[]>> records;
        final BatchDecoder<T>.Batch batch;
        /** the consumer's positions after this poll had reached the end of the replay */
        final boolean reachedEnd;

        Polled(ConsumerRecords<String, byte[]> polled, BatchDecoder<T> batches, boolean reachedEnd) {
            this.records = new ArrayList<>(polled.count());
            List<byte[]> values = new ArrayList<>(polled.count());
            for (ConsumerRecord<String, byte[]> record : polled) {
                records.add(record);
                values.add(record.value());
            }
            this.batch = batches.submit(values);
            this.reachedEnd = reachedEnd;
        }
    }

    private void applyAll(Polled polled, long started) {
        Object[] decoded = polled.batch.await();
        long done = applied;
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] != null) { // null: a tombstone, nothing to apply
                done += apply(polled.records.get(i), decoded[i]);
            }
        }
        applied = done; // one volatile write per poll, not per record
        if (polled.reachedEnd) {
            markCaughtUp(started);
        }
    }

    private void markCaughtUp(long started) {
        if (caughtUp.getCount() > 0) {
            caughtUp.countDown();
            LOG.info("Rebuilt from {}: {} events applied, {} skipped in {} ms", topic, applied, skipped,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** @return 1 if applied, 0 if skipped */
    @SuppressWarnings("unchecked")
    private int apply(ConsumerRecord<String, byte[]> record, Object decoded) {
        try {
            if (decoded instanceof RuntimeException e) {
                throw e;
            }
            projection.accept((Envelope<T>) decoded);
            return 1;
        } catch (MalformedEventException e) {
            skipped++;
            LOG.warn("Skipped malformed event on {}-{} at offset {} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
        } catch (RuntimeException e) {
            skipped++;
            LOG.error("Projection failed for event on {}-{} at offset {} (key {}): {}", record.topic(),
                    record.partition(), record.offset(), record.key(), e.toString(), e);
        }
        return 0;
    }

    /** Waits for the topic to exist, so a projection may start before the topic is provisioned. */
    private List<TopicPartition> awaitPartitions() {
        long backoff = 250;
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            LOG.info("Waiting for topic {} to exist", topic);
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            backoff = Math.min(backoff * 2, 5_000);
        }
        return null;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void closeConsumer() {
        boolean interrupted = Thread.interrupted(); // a close under interrupt would throw and leak the connection
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("Closing the consumer of {} failed: {}", topic, e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once every event that was on the log when the follower started has been applied. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long appliedCount() {
        return applied;
    }

    public long skippedCount() {
        return skipped;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        stopped.await(10, TimeUnit.SECONDS);
    }
}
