package org.openfactory.graphql.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.openfactory.graphql.schema.CommandResultEvent;
import org.openfactory.graphql.state.LiveState;
import org.openfactory.model.command.CommandResult;
import org.openfactory.registry.projection.CommandHistory;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;

@GraphQLApi
@ApplicationScoped
public class CommandSubscriptions {

    @Inject
    LiveState live;

    @Inject
    SubscriberDelivery delivery;

    @Subscription("commandResult")
    @Description("The results of one command: those already on the log first, then each new one; the stream "
            + "completes after the final result (COMPLETED, FAILED or EXPIRED). Subscribe right after sendCommand.")
    public Multi<@NonNull CommandResultEvent> commandResult(@Name("correlationId") @NonNull String correlationId) {
        return Multi.createFrom().<CommandResult>emitter(emitter -> new ResultRelay(correlationId, emitter).start())
                .plug(delivery::decoupled)
                .map(CommandResultEvent::of);
    }

    /**
     * Subscribes to live results first and only then reads the known ones, holding live results back meanwhile,
     * so none falls between the two; duplicates are dropped and the stream completes after the final result.
     */
    private final class ResultRelay {
        private final String correlationId;
        private final MultiEmitter<? super CommandResult> emitter;
        private final Set<CommandResult> seen = new HashSet<>(); // guarded by this
        private final List<CommandResult> heldBack = new ArrayList<>(); // guarded by this
        private boolean replaying = true; // guarded by this
        private volatile Cancellable live;

        ResultRelay(String correlationId, MultiEmitter<? super CommandResult> emitter) {
            this.correlationId = correlationId;
            this.emitter = emitter;
        }

        void start() {
            emitter.onTermination(this::cancel);
            live = CommandSubscriptions.this.live.commandResults()
                    .filter(r -> r.correlationId().equals(correlationId))
                    .subscribe().with(this::onLive, emitter::fail, emitter::complete);
            List<CommandResult> known = CommandSubscriptions.this.live.commands().find(correlationId)
                    .map(CommandHistory.CommandRecord::results).orElse(List.of());
            synchronized (this) {
                known.forEach(this::relay);
                heldBack.forEach(this::relay);
                heldBack.clear();
                replaying = false;
            }
            if (emitter.isCancelled()) {
                cancel();
            }
        }

        private synchronized void onLive(CommandResult result) {
            if (replaying) {
                heldBack.add(result);
            } else {
                relay(result);
            }
        }

        private void relay(CommandResult result) {
            if (emitter.isCancelled() || !seen.add(result)) {
                return;
            }
            emitter.emit(result);
            if (result.isFinal()) {
                emitter.complete();
            }
        }

        private void cancel() {
            Cancellable subscription = live;
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
