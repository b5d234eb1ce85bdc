package org.openfactory.graphql.state;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.AvailabilityChanged;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.Topics;
import org.openfactory.registry.projection.AvailabilityState;
import org.openfactory.registry.projection.DataItemState;
import org.openfactory.registry.projection.LatestState;
import org.openfactory.registry.projection.LogFollower;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The latest-state projection of the samples log, rebuilt by replay at start and kept live, and the stream of its
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

    private final LatestState state = new LatestState();
    private final BroadcastProcessor<DataItemState> changes = BroadcastProcessor.create();
    private LogFollower<SampleObserved> projector;
    private final AvailabilityState availability = new AvailabilityState();
    private final BroadcastProcessor<AvailabilityChanged> availabilityChanges = BroadcastProcessor.create();
    private LogFollower<AvailabilityChanged> availabilityFollower;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Only the projector's thread calls onNext, so the processor sees serial signals.
        projector = state.follower(bootstrapServers, changes::onNext);
        Thread thread = threadFactory.newThread(projector);
        thread.setName("latest-state-projector");
        thread.start();
        availabilityFollower = new LogFollower<>(bootstrapServers, Topics.AVAILABILITY, EventCodecs.AVAILABILITY::decode,
                event -> availability.apply(event).ifPresent(availabilityChanges::onNext));
        Thread availabilityThread = threadFactory.newThread(availabilityFollower);
        availabilityThread.setName("availability-follower");
        availabilityThread.start();
        LOG.info("Projections started on {} and {} at {}", Topics.SAMPLES, Topics.AVAILABILITY, bootstrapServers);
    }

    @PreDestroy
    void stop() {
        try {
            if (projector != null) {
                projector.close();
            }
            if (availabilityFollower != null) {
                availabilityFollower.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        changes.onComplete();
        availabilityChanges.onComplete();
    }

    public LatestState state() {
        return state;
    }

    /** Every change from now on; each subscriber gets its own stream. */
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

    public boolean isCaughtUp() {
        return projector != null && projector.isCaughtUp()
                && availabilityFollower != null && availabilityFollower.isCaughtUp();
    }

}
