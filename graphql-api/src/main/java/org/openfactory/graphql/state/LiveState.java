package org.openfactory.graphql.state;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openfactory.model.kafka.Topics;
import org.openfactory.registry.projection.DataItemState;
import org.openfactory.registry.projection.LatestState;
import org.openfactory.registry.projection.LatestStateProjector;
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
    private LatestStateProjector projector;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Only the projector's thread calls onNext, so the processor sees serial signals.
        projector = new LatestStateProjector(bootstrapServers, Topics.SAMPLES, state, changes::onNext);
        Thread thread = threadFactory.newThread(projector);
        thread.setName("latest-state-projector");
        thread.start();
        LOG.info("Latest-state projection started on {} at {}", Topics.SAMPLES, bootstrapServers);
    }

    @PreDestroy
    void stop() {
        if (projector != null) {
            try {
                projector.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        changes.onComplete();
    }

    public LatestState state() {
        return state;
    }

    /** Every change from now on; each subscriber gets its own stream. */
    public Multi<DataItemState> changes() {
        return changes;
    }

    public boolean isCaughtUp() {
        return projector != null && projector.isCaughtUp();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return projector != null && projector.awaitCaughtUp(timeout);
    }
}
