package org.openfactory.historian;

import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.openfactory.model.kafka.EventRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every record of the samples topic as a row of the historian table, exactly once.
 *
 * <h2>Exactly once</h2>
 * The sink reads all partitions itself (assigned, no consumer group, nothing committed to Kafka). The next offset
 * of each partition lives in {@code sink_offsets}, and a batch's rows and its new offsets are written in one
 * PostgreSQL transaction: either both are stored or neither. At start, and after any failure, the sink seeks to the
 * stored offsets (0 for a partition never stored), so whatever was stored is never read again and whatever was not
 * is read again: a crash or a stop at any point gives no gap and no duplicate. The offset update is conditional on
 * the offset it last read ({@code WHERE next_offset = <expected>}), so a second sink on the same schema cannot
 * write the same records twice: its transaction fails and it re-seeks. A record is one row at most by the unique
 * (partition, offset) too.
 *
 * <h2>Failures</h2>
 * A record that is not a storable sample event is logged (topic, partition, offset, key, cause) and skipped; its
 * offset is stored with the batch, so it is not met again. Any failure of a batch (PostgreSQL unreachable, a
 * failed statement, a commit whose outcome is unknown) rolls back, is logged, and is followed by a wait that doubles
 * from {@link HistorianSinkSettings#initialBackoff()} to {@link HistorianSinkSettings#maxBackoff()}; then the sink
 * reads the stored offsets again (the commit may have succeeded) and goes on from there.
 *
 * <p>A re-sent event (same event id, docs/events.md) keeps its first row; the later copy is counted in
 * {@link #duplicateCount()} and not stored.
 */
public final class HistorianSink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistorianSink.class);
    /** How often the end offsets are asked for, to report lag and to know when the sink has caught up. */
    private static final long END_OFFSETS_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    /** Called between a batch's statements and its commit; a test hook to stop a sink at the worst moment. */
    interface CommitHook {
        void beforeCommit(Connection connection, int rows) throws SQLException;
    }

    private final DataSource dataSource;
    private final HistorianSinkSettings settings;
    private final String topic;
    private final CommitHook hook;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String insertSql;
    private final String updateOffsetSql;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object progressLock = new Object();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile Progress progress = new Progress(null, null, 0);
    // written by the sink's thread only, after each commit
    private volatile long rowsWritten;
    private volatile long duplicates;
    private volatile long skipped;
    private volatile long batches;
    private volatile long failures;

    public HistorianSink(DataSource dataSource, HistorianSinkSettings settings) {
        this(dataSource, settings, (connection, rows) -> { });
    }

    HistorianSink(DataSource dataSource, HistorianSinkSettings settings, CommitHook hook) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hook = Objects.requireNonNull(hook, "hook");
        this.topic = settings.topic();
        String schema = settings.schema();
        this.insertSql = SampleTable.insertSql(schema);
        this.updateOffsetSql = "UPDATE " + schema + ".sink_offsets SET next_offset = ?, updated_at = now()"
                + " WHERE topic = ? AND kafka_partition = ? AND next_offset = ?";
        Properties props = EventRecords.replayConsumerProperties(settings.bootstrapServers(),
                "openfactory-historian-" + schema);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxBatchRows());
        this.consumer = new KafkaConsumer<>(props);
    }

    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a historian sink runs once");
        }
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            follow(partitions);
        } catch (WakeupException | InterruptException e) {
            // close() was called, or the container interrupted the thread at shutdown
        } catch (RuntimeException e) {
            LOG.error("Historian sink of {} stopped: {}", topic, e.toString(), e);
        } finally {
            closeConsumer();
            stopped.countDown();
        }
    }

    private void follow(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = null; // what sink_offsets holds; null: read it (again) and seek
        Batch batch = null;
        Duration backoff = settings.initialBackoff();
        long nextRefresh = System.nanoTime();
        long failuresInARow = 0;
        while (running) {
            try {
                if (stored == null) {
                    stored = seekToStored(partitions);
                    batch = new Batch(stored);
                    publishStored(stored);
                }
                if (System.nanoTime() - nextRefresh >= 0) {
                    refreshEndOffsets(partitions);
                    nextRefresh = System.nanoTime() + END_OFFSETS_REFRESH_NANOS;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(batch.pollTimeout())) {
                    batch.add(record);
                }
                for (TopicPartition tp : partitions) {
                    batch.advance(tp, consumer.position(tp)); // past every record returned, and past markers
                }
                if (batch.isDue()) {
                    write(batch);
                    stored = batch.next;
                    rowsWritten += batch.inserted;
                    duplicates += batch.duplicates;
                    skipped += batch.skipped;
                    batches++;
                    publishStored(stored);
                    batch = new Batch(stored);
                    if (failuresInARow > 0) {
                        LOG.info("Historian sink of {} into schema {} writes again after {} failed attempts", topic,
                                settings.schema(), failuresInARow);
                    }
                    failuresInARow = 0;
                    backoff = settings.initialBackoff();
                }
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (SQLException | RuntimeException e) {
                failures++;
                failuresInARow++;
                LOG.warn("Historian sink of {} into schema {} failed{}: {}; rolled back, reading the stored offsets "
                                + "again in {} ms", topic, settings.schema(), batch == null ? "" : " " + batch.describe(),
                        causeOf(e), backoff.toMillis());
                LOG.debug("Historian sink of {} failure", topic, e);
                stored = null;
                batch = null;
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Reads the stored offsets (creating rows at 0 for partitions never stored) and seeks to them; a stored offset
     * that retention has already deleted is reported, and reading starts at the log's beginning.
     *
     * @return partition -> the offset sink_offsets holds
     */
    private Map<TopicPartition, Long> seekToStored(List<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> stored = new HashMap<>();
        String schema = settings.schema();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ensure = c.prepareStatement("INSERT INTO " + schema + ".sink_offsets"
                    + " (topic, kafka_partition, next_offset) VALUES (?, ?, 0) ON CONFLICT DO NOTHING")) {
                for (TopicPartition tp : partitions) {
                    ensure.setString(1, topic);
                    ensure.setInt(2, tp.partition());
                    ensure.addBatch();
                }
                ensure.executeBatch();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT kafka_partition, next_offset FROM " + schema
                    + ".sink_offsets WHERE topic = ?")) {
                select.setString(1, topic);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        stored.put(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2));
                    }
                }
            }
        }
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        Map<Integer, Long> seekTo = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            long offset = stored.getOrDefault(tp, 0L);
            stored.put(tp, offset);
            long first = beginning.getOrDefault(tp, 0L);
            if (offset < first) {
                LOG.warn("Historian sink: records {} to {} of {} are no longer on the log (retention) and were never "
                        + "stored; continuing at offset {}", offset, first - 1, tp, first);
                offset = first;
            }
            consumer.seek(tp, offset);
            seekTo.put(tp.partition(), offset);
        }
        LOG.info("Historian sink of {} into schema {} reads from the stored offsets {}", topic, schema, seekTo);
        return stored;
    }

    private void write(Batch batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // offsets first: a second sink on the schema fails here, before it inserts anything
                try (PreparedStatement update = c.prepareStatement(updateOffsetSql)) {
                    List<TopicPartition> moved = new ArrayList<>();
                    // in partition order, so two sinks on one schema cannot deadlock on these rows
                    for (Map.Entry<TopicPartition, Long> e : byPartition(batch.next).entrySet()) {
                        long expected = batch.stored.get(e.getKey());
                        if (e.getValue() != expected) {
                            update.setLong(1, e.getValue());
                            update.setString(2, topic);
                            update.setInt(3, e.getKey().partition());
                            update.setLong(4, expected);
                            update.addBatch();
                            moved.add(e.getKey());
                        }
                    }
                    int[] counts = update.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] == 0) {
                            throw new IllegalStateException("the stored offset of " + moved.get(i) + " is no longer "
                                    + batch.stored.get(moved.get(i)) + ": another historian sink writes into schema "
                                    + settings.schema());
                        }
                    }
                }
                if (!batch.rows.isEmpty()) {
                    try (PreparedStatement insert = c.prepareStatement(insertSql)) {
                        for (HistoryRow row : batch.rows) {
                            SampleTable.bind(insert, row);
                            insert.addBatch();
                        }
                        for (int count : insert.executeBatch()) {
                            if (count == 0) {
                                batch.duplicates++;
                            } else {
                                batch.inserted++; // 1, or SUCCESS_NO_INFO with reWriteBatchedInserts
                            }
                        }
                    }
                }
                hook.beforeCommit(c, batch.rows.size());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static Map<TopicPartition, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> sorted = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        sorted.putAll(offsets);
        return sorted;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // the connection is gone: PostgreSQL rolls back by itself
        }
    }

    private void refreshEndOffsets(List<TopicPartition> partitions) {
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            long asked = System.nanoTime();
            Map<Integer, Long> end = new TreeMap<>();
            ends.forEach((tp, offset) -> end.put(tp.partition(), offset));
            synchronized (progressLock) {
                progress = new Progress(progress.stored(), Map.copyOf(end), asked);
                progressLock.notifyAll();
            }
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.debug("Historian sink of {}: end offsets not known now: {}", topic, e.toString());
        }
    }

    private void publishStored(Map<TopicPartition, Long> stored) {
        Map<Integer, Long> byPartition = new TreeMap<>();
        stored.forEach((tp, offset) -> byPartition.put(tp.partition(), offset));
        synchronized (progressLock) {
            progress = new Progress(Map.copyOf(byPartition), progress.end(), progress.endAskedAtNanos());
            progressLock.notifyAll();
        }
    }

    /** Waits for the topic to exist, so the sink may start before the topic is provisioned. */
    private List<TopicPartition> awaitPartitions() {
        long backoff = 250;
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                LOG.info("Historian sink: waiting for topic {} to exist", topic);
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("Historian sink: cannot read the partitions of {}: {}", topic, e.toString());
            }
            if (!pause(Duration.ofMillis(backoff))) {
                return null;
            }
            backoff = Math.min(backoff * 2, 5_000);
        }
        return null;
    }

    /** @return false if the sink is closing */
    private boolean pause(Duration d) {
        try {
            return !stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String causeOf(Exception e) {
        if (e instanceof BatchUpdateException batch && batch.getNextException() != null) {
            // the batch exception's own message repeats the whole statement with its values
            return "a batch statement failed: " + causeOf(batch.getNextException());
        }
        StringBuilder s = new StringBuilder(e.toString());
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            s.append(" (SQLState ").append(sql.getSQLState()).append(')');
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            s.append(", caused by ").append(cause);
        }
        return s.toString();
    }

    private void closeConsumer() {
        boolean interrupted = Thread.interrupted(); // a close under interrupt would throw and leak the connection
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("Closing the historian sink's consumer of {} failed: {}", topic, e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Rows stored by this sink (a re-sent event's later copy is not a row). */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** Re-sent events (an id already stored) met by this sink. */
    public long duplicateCount() {
        return duplicates;
    }

    /** Records that were not storable sample events, skipped. */
    public long skippedCount() {
        return skipped;
    }

    /** Transactions committed by this sink. */
    public long batchCount() {
        return batches;
    }

    /** Failed attempts (each rolled back and retried from the stored offsets). */
    public long failureCount() {
        return failures;
    }

    /** Partition -> the next offset stored in PostgreSQL; empty before the sink has read them. */
    public Map<Integer, Long> storedOffsets() {
        Map<Integer, Long> stored = progress.stored();
        return stored == null ? Map.of() : stored;
    }

    /**
     * Partition -> records on the log not stored yet, as of the last look at the end offsets (at most ~200 ms old
     * while the sink runs); empty before the sink knows both.
     */
    public Map<Integer, Long> lag() {
        Progress p = progress;
        if (p.stored() == null || p.end() == null) {
            return Map.of();
        }
        Map<Integer, Long> lag = new TreeMap<>();
        p.end().forEach((partition, end) -> lag.put(partition, Math.max(0, end - p.stored().getOrDefault(partition,
                0L))));
        return lag;
    }

    /** True if everything on the log at the last look at the end offsets is stored. */
    public boolean isCaughtUp() {
        return progress.caughtUp();
    }

    /**
     * Waits until every record that was on the log when this was called is stored.
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long asked = System.nanoTime();
        long deadline = asked + timeout.toNanos();
        synchronized (progressLock) {
            while (true) {
                Progress p = progress;
                if (p.endAskedAtNanos() - asked > 0 && p.caughtUp()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || stopped.getCount() == 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progressLock, left);
            }
        }
    }

    /**
     * Stops the sink: a batch being written is committed or rolled back as a whole, nothing in between; the next
     * sink goes on from what was stored.
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        stopping.countDown();
        if (started.compareAndSet(false, true)) { // never ran: nobody else will close the consumer
            closeConsumer();
            stopped.countDown();
            return;
        }
        consumer.wakeup();
        if (!stopped.await(30, TimeUnit.SECONDS)) {
            LOG.warn("Historian sink of {} did not stop within 30 s", topic);
        }
    }

    /** What is stored and what the log held at the last look; immutable, swapped whole. */
    private record Progress(Map<Integer, Long> stored, Map<Integer, Long> end, long endAskedAtNanos) {
        boolean caughtUp() {
            return stored != null && end != null
                    && end.entrySet().stream().allMatch(e -> stored.getOrDefault(e.getKey(), 0L) >= e.getValue());
        }
    }

    /** The records read since the last commit, and how far they take each partition. */
    private final class Batch {
        final Map<TopicPartition, Long> stored;
        final Map<TopicPartition, Long> next;
        final List<HistoryRow> rows = new ArrayList<>();
        long skipped;
        long inserted;
        long duplicates;
        private long dueAtNanos;
        private boolean advanced;

        Batch(Map<TopicPartition, Long> stored) {
            this.stored = Map.copyOf(stored);
            this.next = new HashMap<>(stored);
        }

        void add(ConsumerRecord<byte[], byte[]> record) {
            try {
                rows.add(SampleRows.toRow(record.key(), record.value(), record.partition(), record.offset()));
            } catch (RuntimeException e) { // deterministic for the record: retrying would block the sink forever
                skipped++;
                LOG.warn("Skipped malformed event on {}-{} at offset {} (key {}): {}", record.topic(),
                        record.partition(), record.offset(),
                        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                        e.getMessage());
            }
        }

        void advance(TopicPartition tp, long position) {
            if (position > next.get(tp)) {
                next.put(tp, position);
                if (!advanced) {
                    advanced = true;
                    dueAtNanos = System.nanoTime() + settings.maxBatchDelay().toNanos();
                }
            }
        }

        boolean isDue() {
            return rows.size() >= settings.maxBatchRows() || (advanced && System.nanoTime() - dueAtNanos >= 0);
        }

        Duration pollTimeout() {
            if (!advanced) {
                return IDLE_POLL;
            }
            long left = Math.max(0, dueAtNanos - System.nanoTime());
            return left < IDLE_POLL.toNanos() ? Duration.ofNanos(left) : IDLE_POLL;
        }

        String describe() {
            Map<Integer, String> ranges = new TreeMap<>();
            next.forEach((tp, to) -> {
                long from = stored.get(tp);
                if (to > from) {
                    ranges.put(tp.partition(), "[" + from + ", " + to + ")");
                }
            });
            return ranges.isEmpty() ? "" : "(" + rows.size() + " rows, offsets " + ranges + ")";
        }
    }
}
