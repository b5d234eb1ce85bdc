package org.openfactory.ingestion.southbound.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;

/**
 * Commands published to a device and waiting for its answer, by MQTT correlation data (the command's correlation
 * id). Each fails with DEVICE_ERROR when no answer comes within its timeout; an answer after that finds nothing.
 */
public final class PendingResponses {

    /** A published command; {@code result} completes once, by the answer, the timeout or the connector closing. */
    public record Pending(DeviceCommand command, String commandTopic, CompletableFuture<List<Value>> result) {
    }

    private final ScheduledExecutorService timer;
    private final Map<String, Pending> byCorrelation = new ConcurrentHashMap<>();

    /** @param timer runs the timeouts */
    public PendingResponses(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Waits for the answer to {@code command}, for at most {@code timeout}.
     *
     * @throws CommandRejectedException when a command with the same correlation id is already waiting
     */
    public Pending register(DeviceCommand command, String commandTopic, Duration timeout) {
        Pending pending = new Pending(command, commandTopic, new CompletableFuture<>());
        String id = command.correlationId();
        if (byCorrelation.putIfAbsent(id, pending) != null) {
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, "asset " + command.asset().id()
                    + ": a command with correlation id " + id + " is already waiting for the device's answer");
        }
        ScheduledFuture<?> expiry = timer.schedule(() -> pending.result().completeExceptionally(
                new CommandRejectedException(FailureCode.DEVICE_ERROR, "asset " + command.asset().id() + ": "
                        + "no response within " + timeout.toMillis() + " ms to the command on " + commandTopic
                        + " for " + command.target().id())),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.result().whenComplete((outputs, failure) -> {
            byCorrelation.remove(id, pending);
            expiry.cancel(false);
        });
        return pending;
    }

    /** The command waiting for this answer, removed from the waiting ones; empty if none waits (any more). */
    public Optional<Pending> take(String correlationId) {
        return Optional.ofNullable(byCorrelation.remove(correlationId));
    }

    /** Fails every waiting command, e.g. when the connector closes. */
    public void failAll(FailureCode code, String reason) {
        for (Pending pending : List.copyOf(byCorrelation.values())) {
            pending.result().completeExceptionally(new CommandRejectedException(code, "asset "
                    + pending.command().asset().id() + ": " + reason + " (command on " + pending.commandTopic()
                    + " for " + pending.command().target().id() + ")"));
        }
    }

    public int size() {
        return byCorrelation.size();
    }
}
