package org.openfactory.historian;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.kafka.EventRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History pages computed from the samples topic, for when PostgreSQL cannot answer. Gives the rows the historian
 * table would hold for the same records: the same conversion ({@link SampleRows}), the same skips, and a re-sent
 * event (same id) kept at its first copy only.
 *
 * <h2>What is read</h2>
 * Only the asset's partition, computed with the producer's default partitioner for the key (as long as the topic's
 * partition count has not changed since the events were written), with a short-lived consumer (no group). Record
 * timestamps are ingest times while pages are asked in device time, so the scan is bounded with
 * {@code offsetsForTimes}: from the first record stamped at or after {@code lower bound - tolerance} to the first
 * stamped after {@code to + tolerance}. That is exact when every event is appended within the late-arrival
 * tolerance of its device time (and the producer's clock is not behind the device's by more than that) (the same assumption and default as the registry's time travel); an event appended
 * later than that may be missed. {@link #READ_WHOLE_PARTITION} never bounds the scan. The log holds only what
 * retention kept (7 days by default): a range older than that is answered partly or empty.
 *
 * <p>Cost: the whole bounded part of the partition is read (all assets of the partition, keys compared as bytes),
 * and the page is kept in a bounded heap, so memory stays at {@code first + 1} rows. Thread-safe.
 */
public final class LogHistoryReader {

    public static final Duration DEFAULT_LATE_ARRIVAL_TOLERANCE = Duration.ofMinutes(5);
    public static final Duration READ_WHOLE_PARTITION = ChronoUnit.FOREVER.getDuration();

    private static final Logger LOG = LoggerFactory.getLogger(LogHistoryReader.class);
    private static final int FETCH_BYTES = 8 * 1024 * 1024;
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final String topic;
    private final Duration lateArrivalTolerance;
    private final Duration timeout;

    /**
     * @param lateArrivalTolerance how long after its device time an event may still be appended to the log
     * @param timeout              how long one page may take
     */
    public LogHistoryReader(String bootstrapServers, String topic, Duration lateArrivalTolerance, Duration timeout) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.lateArrivalTolerance = Objects.requireNonNull(lateArrivalTolerance, "lateArrivalTolerance");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (lateArrivalTolerance.isNegative()) {
            throw new IllegalArgumentException("lateArrivalTolerance must not be negative: " + lateArrivalTolerance);
        }
    }

    /**
     * What one page read from the log.
     *
     * @param from    first offset read
     * @param to      offset the scan stopped at (exclusive)
     * @param end     the partition's end offset when the page was asked
     * @param records records read between {@code from} and {@code to}
     */
    public record Scan(int partition, long from, long to, long end, long records, Duration elapsed) {
    }

    /** A page and what computing it read. */
    public record Answer(HistoryPage page, Scan scan) {
    }

    /** @throws TimeoutException if the partition cannot be read within the timeout */
    public HistoryPage page(HistoryQuery q) {
        return query(q).page();
    }

    /** Like {@link #page} with what was read, for logs, tests and benchmarks. */
    public Answer query(HistoryQuery q) {
        Objects.requireNonNull(q, "query");
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        byte[] key = q.assetId().getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, remaining(deadline));
            if (partitions == null || partitions.isEmpty()) {
                LOG.warn("History of {} from the log: topic {} does not exist, no rows", q.describe(), topic);
                return new Answer(empty(), new Scan(-1, 0, 0, 0, 0, since(started)));
            }
            TopicPartition tp = new TopicPartition(topic,
                    BuiltInPartitioner.partitionForKey(key, partitions.size()));
            List<TopicPartition> assigned = List.of(tp);
            consumer.assign(assigned);
            long begin = consumer.beginningOffsets(assigned, remaining(deadline)).get(tp);
            long end = consumer.endOffsets(assigned, remaining(deadline)).get(tp);
            OptionalLong start = startOffset(consumer, tp, begin, end, q.lowerBound(), deadline);
            if (start.isEmpty()) {
                return new Answer(empty(), new Scan(tp.partition(), end, end, end, 0, since(started)));
            }
            long from = start.getAsLong();
            long to = stopOffset(consumer, tp, from, end, q.to(), deadline);

            Collector page = new Collector(q);
            long records = 0;
            consumer.seek(tp, from);
            while (from < to && consumer.position(tp, remaining(deadline)) < to) {
                if (System.nanoTime() >= deadline) {
                    throw new TimeoutException("History of " + q.describe() + " from the log read " + tp
                            + " to offset " + consumer.position(tp) + " of " + to + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollWait(deadline)).records(tp)) {
                    if (record.offset() >= to) {
                        break;
                    }
                    records++;
                    if (Arrays.equals(key, record.key())) {
                        page.add(record);
                    }
                }
            }
            HistoryPage answer = page.result();
            Scan scan = new Scan(tp.partition(), from, to, end, records, since(started));
            LOG.debug("History of {} from the log: {} rows from {} offsets [{}, {}) of [{}, {}), {} records read, "
                            + "{} undecodable skipped, in {} ms", q.describe(), answer.rows().size(), tp, from, to,
                    begin, end, records, page.skipped, scan.elapsed().toMillis());
            return new Answer(answer, scan);
        }
    }

    /** The first record stamped at or after {@code lower - tolerance}; empty if no record can be in the answer. */
    private OptionalLong startOffset(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long begin,
                                     long end, Instant lower, long deadline) {
        if (begin >= end) {
            return OptionalLong.empty();
        }
        long since;
        try {
            since = lower == null ? 0 : lower.minus(lateArrivalTolerance).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            since = 0; // before any timestamp Kafka can hold
        }
        if (since <= 0) {
            return OptionalLong.of(begin);
        }
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, since), remaining(deadline)).get(tp);
        return found == null ? OptionalLong.empty() : OptionalLong.of(Math.max(begin, found.offset()));
    }

    /** The end offset, or earlier: the first record stamped later than {@code to + tolerance}. */
    private long stopOffset(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long from, long end,
                            Instant to, long deadline) {
        if (to == null || from >= end) {
            return end;
        }
        long limit;
        try {
            limit = to.plus(lateArrivalTolerance).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return end; // beyond any timestamp Kafka can hold
        }
        if (limit == Long.MAX_VALUE) {
            return end;
        }
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, Math.max(0, limit + 1)), remaining(deadline))
                .get(tp);
        return found == null ? end : Math.max(from, Math.min(end, found.offset()));
    }

    private Properties consumerProperties() {
        Properties props = EventRecords.replayConsumerProperties(bootstrapServers, "openfactory-history-log");
        // keys are compared as bytes: records of other assets are never decoded
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_BYTES);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
        // a fetch past the end would be held by the broker this long, and close() waits for it
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return props;
    }

    private static HistoryPage empty() {
        return new HistoryPage(List.of(), false, HistorySource.LOG);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static Duration pollWait(long deadline) {
        Duration left = remaining(deadline);
        return left.compareTo(MAX_POLL_WAIT) < 0 ? left : MAX_POLL_WAIT;
    }

    /**
     * The first {@code first + 1} matching rows in page order, in a max-heap. A re-sent event has the same device
     * time and partition as its first copy and a later offset, so it sorts right after it: skipping ids already
     * held (or already passed by the cursor at the cursor's own time) is enough to keep the first copy only, as the
     * table's unique event id does.
     */
    private static final class Collector {
        private final HistoryQuery q;
        private final PriorityQueue<HistoryRow> heap = new PriorityQueue<>(HistoryRow.ORDER.reversed());
        private final Set<String> held = new HashSet<>();
        private final Set<String> passedAtCursorTime = new HashSet<>();
        private long skipped;

        Collector(HistoryQuery q) {
            this.q = q;
        }

        void add(ConsumerRecord<byte[], byte[]> record) {
            HistoryRow row;
            try {
                row = SampleRows.toRow(record.key(), record.value(), record.partition(), record.offset());
            } catch (MalformedEventException e) {
                skipped++; // the sink logged it when it met it
                return;
            }
            if (!q.inRange(row)) {
                return;
            }
            if (q.after() != null && !q.after().isBefore(row)) {
                if (row.observedAt().equals(q.after().observedAt())) {
                    passedAtCursorTime.add(row.eventId());
                }
                return;
            }
            if (held.contains(row.eventId()) || passedAtCursorTime.contains(row.eventId())) {
                return;
            }
            heap.add(row);
            held.add(row.eventId());
            if (heap.size() > q.first() + 1) {
                held.remove(heap.poll().eventId());
            }
        }

        HistoryPage result() {
            List<HistoryRow> rows = new ArrayList<>(heap);
            rows.sort(HistoryRow.ORDER);
            boolean more = rows.size() > q.first();
            return new HistoryPage(more ? rows.subList(0, q.first()) : rows, more, HistorySource.LOG);
        }
    }
}
