package org.openfactory.historian;

import java.time.Duration;
import java.util.Objects;

import org.openfactory.model.kafka.Topics;

/**
 * How a {@link HistorianSink} reads and writes.
 *
 * @param maxBatchRows   a batch is written once it holds this many rows (a poll can add up to this many more)
 * @param maxBatchDelay  ... or once its first record waited this long
 * @param initialBackoff the wait after a first failure; doubled after each further one
 * @param maxBackoff     the longest wait between attempts
 */
public record HistorianSinkSettings(String bootstrapServers, String topic, String schema, int maxBatchRows,
                                    Duration maxBatchDelay, Duration initialBackoff, Duration maxBackoff) {

    public HistorianSinkSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        HistorianSchema.checkSchemaName(schema);
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("maxBatchRows must be positive: " + maxBatchRows);
        }
        requirePositive(maxBatchDelay, "maxBatchDelay");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                    + initialBackoff);
        }
    }

    /** Samples topic, schema {@value HistorianSchema#DEFAULT_SCHEMA}, 5,000 rows or 200 ms, backoff 0.5 s to 30 s. */
    public static HistorianSinkSettings defaults(String bootstrapServers) {
        return new HistorianSinkSettings(bootstrapServers, Topics.SAMPLES, HistorianSchema.DEFAULT_SCHEMA, 5_000,
                Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public HistorianSinkSettings withTopic(String topic) {
        return new HistorianSinkSettings(bootstrapServers, topic, schema, maxBatchRows, maxBatchDelay,
                initialBackoff, maxBackoff);
    }

    public HistorianSinkSettings withSchema(String schema) {
        return new HistorianSinkSettings(bootstrapServers, topic, schema, maxBatchRows, maxBatchDelay,
                initialBackoff, maxBackoff);
    }

    public HistorianSinkSettings withBatch(int maxBatchRows, Duration maxBatchDelay) {
        return new HistorianSinkSettings(bootstrapServers, topic, schema, maxBatchRows, maxBatchDelay,
                initialBackoff, maxBackoff);
    }

    public HistorianSinkSettings withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new HistorianSinkSettings(bootstrapServers, topic, schema, maxBatchRows, maxBatchDelay,
                initialBackoff, maxBackoff);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
