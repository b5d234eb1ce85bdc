package org.openfactory.registry.projection;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of an asset as of a given time, reconstructed from the log.
 *
 * <h2>Semantics</h2>
 * A data item's state at {@code at} is the observation with the greatest device time
 * ({@link SampleObserved#observedAt()}, the CloudEvents {@code time}) that is {@code <= at}; between observations
 * with the same device time the later in log order wins. A re-sent event (same id) keeps its first copy, as in
 * {@link LatestState}. This is not {@link LatestState}'s rule (last in log order): an out-of-order event with an
 * older device time never hides a newer observation here. The answer only covers what the log still holds: events
 * deleted by retention are gone, so a time before the retention horizon gives a partial or empty state.
 * An asset without events gives an empty map; whether that means "not found" is the caller's decision.
 *
 * <h2>What is read</h2>
 * Each query opens its own short-lived consumer (assigned, no group) and reads only the asset's partition, computed
 * as the producer's default partitioner does for the record key. That holds as long as producers leave the
 * partition to the default partitioner (as {@link EventRecords#record} does) and the topic's partition count has
 * not changed since the events were written (adding partitions moves keys; the platform sets it once). The
 * partition is read from its start up to its end offset taken when the query starts; the query never waits for
 * newer events. Records of other keys are skipped on the key bytes without being decoded; records of the asset that
 * do not decode are logged and skipped.
 *
 * <h2>Late-arrival tolerance</h2>
 * Record timestamps are the producer's CreateTime, the moment of the send, so no earlier than the observation,
 * give or take clock skew. Reading therefore stops at the first record of the partition (any key) whose timestamp
 * is later than {@code at + lateArrivalTolerance} (found with {@code offsetsForTimes}). This is exact provided
 * every event is appended within the tolerance of its device time: ingestion delay, producer retries,
 * store-and-forward buffering and the skew between device and producer clocks all count. An event appended later
 * than that (a connector forwarding hours of buffered data after an outage, a device clock running behind, a
 * producer that stamps records with the device time) may be missed by queries for times before it. Use
 * {@link #READ_TO_END} to always read the whole partition.
 *
 * <p>Immutable and thread-safe; queries run on the caller's thread.
 */
public final class TimeTravel {

    public static final Duration DEFAULT_LATE_ARRIVAL_TOLERANCE = Duration.ofMinutes(5);
    /** A tolerance that never stops early: every query reads its partition to the end offset. */
    public static final Duration READ_TO_END = ChronoUnit.FOREVER.getDuration();

    private static final Logger LOG = LoggerFactory.getLogger(TimeTravel.class);
    /** One partition per query, so the per-partition and per-fetch limits are the same. */
    private static final int FETCH_BYTES = 8 * 1024 * 1024;
    private static final int MAX_POLL_RECORDS = 10_000;
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final String topic;
    private final Duration lateArrivalTolerance;

    public TimeTravel(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, DEFAULT_LATE_ARRIVAL_TOLERANCE);
    }

    /** @param lateArrivalTolerance how long after its device time an event may still be appended to the log */
    public TimeTravel(String bootstrapServers, String topic, Duration lateArrivalTolerance) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.lateArrivalTolerance = Objects.requireNonNull(lateArrivalTolerance, "lateArrivalTolerance");
        if (lateArrivalTolerance.isNegative()) {
            throw new IllegalArgumentException("lateArrivalTolerance must not be negative: " + lateArrivalTolerance);
        }
    }

    /**
     * @return data item id -> its state at {@code at}; empty for an asset without events by then
     * @throws TimeoutException if the partition cannot be read within {@code timeout}
     */
    public Map<String, DataItemState> stateAt(String assetId, Instant at, Duration timeout) {
        return query(assetId, at, timeout).items();
    }

    /** Like {@link #stateAt} with what the query read, for logs and benchmarks. */
    public AssetStateAt query(String assetId, Instant at, Duration timeout) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(timeout, "timeout");
        if (assetId == null || assetId.isBlank()) {
            throw new IllegalArgumentException("assetId must not be blank");
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        byte[] key = assetId.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, remaining(deadline));
            if (partitions == null || partitions.isEmpty()) {
                LOG.warn("Time travel for asset {}: topic {} does not exist, no state", assetId, topic);
                return new AssetStateAt(assetId, at, Map.of(), AssetStateAt.Scan.none(topic, since(started)));
            }
            TopicPartition tp = new TopicPartition(topic, partitionOf(key, partitions.size()));
            List<TopicPartition> assigned = List.of(tp);
            consumer.assign(assigned);
            long from = consumer.beginningOffsets(assigned, remaining(deadline)).get(tp);
            long end = consumer.endOffsets(assigned, remaining(deadline)).get(tp);
            long to = stopOffset(consumer, tp, from, end, at, deadline);

            Fold fold = new Fold(assetId, at);
            long records = 0;
            consumer.seek(tp, from);
            while (from < to && consumer.position(tp, remaining(deadline)) < to) {
                if (System.nanoTime() >= deadline) {
                    throw new TimeoutException("Time travel for asset " + assetId + " on " + tp + " read to offset "
                            + consumer.position(tp) + " of " + to + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollWait(deadline)).records(tp)) {
                    if (record.offset() >= to) {
                        break;
                    }
                    records++;
                    if (Arrays.equals(key, record.key())) {
                        fold.add(record);
                    }
                }
            }
            AssetStateAt.Scan scan = new AssetStateAt.Scan(topic, tp.partition(), from, to, end, records,
                    fold.decoded, fold.skipped, since(started));
            LOG.debug("Time travel for asset {} at {}: {} data items from {} offsets [{}, {}) of {}, {} records read "
                            + "({} of the asset, {} skipped) in {} ms", assetId, at, fold.items.size(), tp, from, to,
                    end, records, fold.decoded, fold.skipped, scan.elapsed().toMillis());
            return new AssetStateAt(assetId, at, fold.items, scan);
        }
    }

    /**
     * The partition the default partitioner puts a key in: murmur2 of the key's UTF-8 bytes (what the
     * {@code StringSerializer} writes), made positive, modulo the partition count.
     */
    public static int partitionOf(String assetId, int numPartitions) {
        return partitionOf(assetId.getBytes(StandardCharsets.UTF_8), numPartitions);
    }

    private static int partitionOf(byte[] key, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(key)) % numPartitions;
    }

    /** The end offset, or earlier: the first record stamped later than {@code at + lateArrivalTolerance}. */
    private long stopOffset(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long from, long end,
                            Instant at, long deadline) {
        OptionalLong firstLater = firstTimestampAfter(at, lateArrivalTolerance);
        if (from >= end || firstLater.isEmpty()) {
            return end;
        }
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, firstLater.getAsLong()), remaining(deadline))
                .get(tp);
        return found == null ? end : Math.max(from, Math.min(end, found.offset()));
    }

    /** The smallest record timestamp (epoch ms) later than {@code at + tolerance}; empty if none can be. */
    static OptionalLong firstTimestampAfter(Instant at, Duration tolerance) {
        try {
            long limit = at.plus(tolerance).toEpochMilli(); // floor, so limit + 1 is the first later millisecond
            return limit == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(Math.max(0, limit + 1));
        } catch (DateTimeException | ArithmeticException e) {
            return OptionalLong.empty(); // beyond any timestamp Kafka can hold
        }
    }

    private Properties consumerProperties() {
        Properties props = EventRecords.replayConsumerProperties(bootstrapServers, "openfactory-time-travel");
        // keys are compared as bytes: records of other assets are never turned into objects
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
        // a fetch past the end would be held by the broker this long, and close() waits for it
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return props;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static Duration pollWait(long deadline) {
        Duration left = remaining(deadline);
        return left.compareTo(MAX_POLL_WAIT) < 0 ? left : MAX_POLL_WAIT;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The per-data-item choice over the asset's records, in log order. */
    private static final class Fold {
        private final String assetId;
        private final Instant at;
        private final Map<String, DataItemState> items = new HashMap<>();
        private long decoded;
        private long skipped;

        Fold(String assetId, Instant at) {
            this.assetId = assetId;
            this.at = at;
        }

        void add(ConsumerRecord<byte[], byte[]> record) {
            decoded++;
            Envelope<SampleObserved> event;
            try {
                event = EventCodecs.SAMPLE.decode(record.value());
            } catch (RuntimeException e) { // never stop on one bad record
                skipped++;
                LOG.warn("Time travel for asset {}: skipped undecodable event on {}-{} at offset {}: {}", assetId,
                        record.topic(), record.partition(), record.offset(), e.getMessage());
                return;
            }
            SampleObserved sample = event.payload();
            if (!assetId.equals(sample.assetId())) {
                skipped++;
                LOG.warn("Time travel for asset {}: skipped event {} of asset {} under this key on {}-{} at offset {}",
                        assetId, event.id(), sample.assetId(), record.topic(), record.partition(), record.offset());
                return;
            }
            if (sample.observedAt().isAfter(at)) {
                return;
            }
            DataItemState current = items.get(sample.dataItemId());
            if (current != null && (sample.observedAt().isBefore(current.observedAt())
                    || current.eventId().equals(event.id()))) {
                return;
            }
            items.put(sample.dataItemId(), new DataItemState(sample.assetId(), sample.dataItemId(), sample.category(),
                    sample.value(), sample.units(), sample.observedAt(), event.ingestedAt(), event.id()));
        }
    }
}
