package org.openfactory.model.kafka;

import java.time.Duration;
import java.util.List;

/**
 * How the platform creates missing topics: partitions, replication (1 on a single broker, 3 in production) and the
 * retention of the samples topic.
 */
public record TopicLayout(int partitions, short replicationFactor, Duration samplesRetention) {

    public static TopicLayout singleBroker() {
        return new TopicLayout(Topics.DEFAULT_PARTITIONS, (short) 1, Topics.DEFAULT_SAMPLES_RETENTION);
    }

    public List<Topic> topics() {
        return Topics.all(partitions, samplesRetention);
    }

    /** Creates the missing topics; see {@link TopicProvisioner#ensure}. */
    public void ensure(String bootstrapServers, long timeoutMs) {
        TopicProvisioner.ensure(bootstrapServers, topics(), replicationFactor, timeoutMs);
    }
}
