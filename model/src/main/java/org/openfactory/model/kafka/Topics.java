package org.openfactory.model.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The topics of the log. Every record's key is the asset id, so one asset's events stay in one partition, in order.
 */
public final class Topics {

    /** Observed values of data items ({@code org.openfactory.sample.v1}); time-retained. */
    public static final String SAMPLES = "openfactory.samples";

    /** Availability of assets as their connectors see it ({@code org.openfactory.availability.v1}); compacted. */
    public static final String AVAILABILITY = "openfactory.availability";

    /**
     * The asset registry ({@code org.openfactory.asset.registered/updated/retired.v1}); compacted. Registered and
     * updated events carry the whole definition, so the latest event per asset id rebuilds the registry.
     */
    public static final String REGISTRY = "openfactory.registry";

    /** Commands for assets ({@code org.openfactory.command.issued.v1}); time-retained like samples. */
    public static final String COMMANDS = "openfactory.commands";

    /**
     * What became of each command ({@code org.openfactory.command.accepted/completed/failed/expired.v1});
     * time-retained. The connectors read it back at start to execute each command at most once.
     */
    public static final String COMMAND_RESULTS = "openfactory.command-results";

    public static final int DEFAULT_PARTITIONS = 6;
    public static final Duration DEFAULT_SAMPLES_RETENTION = Duration.ofDays(7);

    private Topics() {
    }

    /** The topics with the default layout; a deployment can override partitions and retention through config. */
    public static List<Topic> all(int partitions, Duration samplesRetention) {
        return List.of(
                new Topic(SAMPLES, partitions, Map.of(
                        "cleanup.policy", "delete",
                        "retention.ms", Long.toString(samplesRetention.toMillis()),
                        "min.insync.replicas", "1")),
                new Topic(AVAILABILITY, partitions, Map.of(
                        "cleanup.policy", "compact",
                        "min.insync.replicas", "1")),
                new Topic(REGISTRY, partitions, Map.of(
                        "cleanup.policy", "compact",
                        "min.insync.replicas", "1")),
                new Topic(COMMANDS, partitions, Map.of(
                        "cleanup.policy", "delete",
                        "retention.ms", Long.toString(samplesRetention.toMillis()),
                        "min.insync.replicas", "1")),
                new Topic(COMMAND_RESULTS, partitions, Map.of(
                        "cleanup.policy", "delete",
                        "retention.ms", Long.toString(samplesRetention.toMillis()),
                        "min.insync.replicas", "1")));
    }
}
