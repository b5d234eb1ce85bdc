package org.openfactory.graphql.api;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;

/**
 * How every subscription is delivered: each subscriber gets its own buffer, and its WebSocket sends run on the
 * server's managed executor, never on the thread that feeds the projection. SmallRye sends each message with a
 * blocking write; without this, one client that stops reading would stall every subscriber and the projection.
 * A subscriber that falls more than {@link #BUFFER} items behind is ended with an error and may subscribe again.
 */
@ApplicationScoped
public class SubscriberDelivery {

    public static final int BUFFER = 10_000;

    @Resource
    ManagedExecutorService executor;

    public <T> Multi<T> decoupled(Multi<T> stream) {
        return stream.onOverflow().buffer(BUFFER).emitOn(executor);
    }
}
