package org.openfactory.graphql.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openfactory.model.command.CommandResult;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.AvailabilityChanged;
import org.openfactory.model.kafka.Topics;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.event.RegistryEventCodec;
import org.openfactory.registry.projection.AvailabilityState;
import org.openfactory.registry.projection.DataItemState;
import org.openfactory.registry.projection.LatestState;
import org.openfactory.registry.projection.CommandHistory;
import org.openfactory.registry.projection.LogFollower;
import org.openfactory.registry.projection.TimeTravel;
import org.openfactory.registry.view.LiveRegistry;
import org.openfactory.registry.view.RegistryEntry;
import org.openfactory.registry.view.RegistryView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The projections this instance serves, each rebuilt by replay of its topic at start and kept live: the asset
 * registry, the latest value of every data item and the availability of every asset; and the streams of their
 * changes for subscriptions.
 */
@ApplicationScoped
public class LiveState {

    private static final Logger LOG = LoggerFactory.getLogger(LiveState.class);

    @Inject
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Resource
    ManagedThreadFactory threadFactory;

    private final LiveRegistry registry = new LiveRegistry();
    private final LatestState state = new LatestState();
    private final AvailabilityState availability = new AvailabilityState();
    // Each processor is fed by one follower thread only, so it sees serial signals.
    private final BroadcastProcessor<DataItemState> changes = BroadcastProcessor.create();
    private final BroadcastProcessor<AvailabilityChanged> availabilityChanges = BroadcastProcessor.create();
    private final BroadcastProcessor<CommandResult> commandResults = BroadcastProcessor.create();
    private final CommandHistory commands = new CommandHistory();
    private final List<LogFollower<?>> followers = new ArrayList<>();
    private TimeTravel timeTravel;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        follow("registry-follower", new LogFollower<>(bootstrapServers, Topics.REGISTRY, RegistryEventCodec::decode,
                registry::apply));
        follow("latest-state-follower", state.follower(bootstrapServers, changes::onNext));
        follow("availability-follower", new LogFollower<>(bootstrapServers, Topics.AVAILABILITY,
                EventCodecs.AVAILABILITY::decode,
                event -> availability.apply(event).ifPresent(availabilityChanges::onNext)));
        follow("command-follower", new LogFollower<>(bootstrapServers, Topics.COMMANDS, EventCodecs.COMMAND::decode,
                event -> commands.issued(event.payload())));
        follow("command-result-follower", new LogFollower<>(bootstrapServers, Topics.COMMAND_RESULTS,
                EventCodecs.COMMAND_RESULT::decode, event -> {
                    commands.resulted(event.payload());
                    commandResults.onNext(event.payload());
                }));
        timeTravel = new TimeTravel(bootstrapServers, Topics.SAMPLES);
        LOG.info("Projections of {}, {} and {} started at {}", Topics.REGISTRY, Topics.SAMPLES, Topics.AVAILABILITY,
                bootstrapServers);
    }

    private void follow(String name, LogFollower<?> follower) {
        followers.add(follower);
        Thread thread = threadFactory.newThread(follower);
        thread.setName(name);
        thread.start();
    }

    @PreDestroy
    void stop() {
        try {
            for (LogFollower<?> follower : followers) {
                follower.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        changes.onComplete();
        availabilityChanges.onComplete();
        commandResults.onComplete();
    }

    public RegistryView registry() {
        return registry.view();
    }

    /** An asset that is registered and not retired. */
    public Optional<AssetDefinition> asset(String assetId) {
        return registry.view().findActive(assetId).map(RegistryEntry::definition);
    }

    /** Reconstructs past states from the samples log. */
    public TimeTravel timeTravel() {
        return timeTravel;
    }

    public LatestState state() {
        return state;
    }

    /** Every data item change from now on; each subscriber gets its own stream. */
    public Multi<DataItemState> changes() {
        return changes;
    }

    public AvailabilityState availability() {
        return availability;
    }

    /** Every availability change from now on. */
    public Multi<AvailabilityChanged> availabilityChanges() {
        return availabilityChanges;
    }

    /** Every command on the log and its results so far. */
    public CommandHistory commands() {
        return commands;
    }

    /** Every command result from now on. */
    public Multi<CommandResult> commandResults() {
        return commandResults;
    }

    /** True once every projection has applied what was on its topic when the instance started. */
    public boolean isCaughtUp() {
        return !followers.isEmpty() && followers.stream().allMatch(LogFollower::isCaughtUp);
    }
}
