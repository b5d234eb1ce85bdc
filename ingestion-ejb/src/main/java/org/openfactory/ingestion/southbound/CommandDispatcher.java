package org.openfactory.ingestion.southbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.CommandAccepted;
import org.openfactory.model.command.CommandCompleted;
import org.openfactory.model.command.CommandExpired;
import org.openfactory.model.command.CommandFailed;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.command.CommandResult;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns command events into device operations, at most once each. For every command, in log order: a command that
 * already has a result is skipped; one that fails its checks gets its CommandFailed/CommandExpired; otherwise
 * CommandAccepted is written and acknowledged by the log <em>before</em> the connector is asked, so a redelivery
 * after a crash finds it and does not execute again. Commands of one asset run one after the other, in order;
 * different assets do not wait for each other.
 */
public final class CommandDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    /** What the dispatcher needs to know of the running platform. */
    public interface Assets {
        /** The asset's current definition; empty when it is not registered or retired. */
        Optional<AssetDefinition> definition(String assetId);

        /** The asset's running connector, if any. */
        Optional<Connector> connector(String assetId);
    }

    private final URI source;
    private final Assets assets;
    private final CommandResultSink results;
    private final CommandJournal journal;
    private final Clock clock;
    private final Duration executionTimeout;
    private final Map<String, CompletableFuture<Void>> lastOfAsset = new HashMap<>(); // dispatching thread only

    public CommandDispatcher(URI source, Assets assets, CommandResultSink results, CommandJournal journal, Clock clock,
                             Duration executionTimeout) {
        this.source = source;
        this.assets = assets;
        this.results = results;
        this.journal = journal;
        this.clock = clock;
        this.executionTimeout = executionTimeout;
    }

    /**
     * Decides the command and starts its execution. Returns once its first result is on the log, so the caller may
     * then commit the command's offset; the final result of an accepted command follows asynchronously.
     *
     * @throws ResultNotWrittenException when the log did not take the first result: nothing was executed, and the
     *                                   caller should offer the same command again later
     */
    public void dispatch(CommandIssued command) throws InterruptedException {
        if (journal.hasResult(command.correlationId())) {
            LOG.info("Command {} for {} was delivered again; it already has a result and is not executed again",
                    command.correlationId(), command.subject());
            return;
        }
        CommandCheck check = CommandValidator.check(command, assets.definition(command.assetId()), clock.instant());
        if (check instanceof CommandCheck.Refused refused) {
            LOG.warn("Command {} for {} refused: {}", command.correlationId(), command.subject(),
                    describe(refused.result()));
            writeAndWait(refused.result());
            return;
        }
        DeviceCommand device = ((CommandCheck.Passed) check).command();
        writeAndWait(new CommandAccepted(command.correlationId(), command.assetId(), command.target(),
                clock.instant()));
        CompletableFuture<Void> previous = lastOfAsset.getOrDefault(command.assetId(),
                CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = previous.thenCompose(ignored -> execute(device));
        lastOfAsset.put(command.assetId(), next);
        lastOfAsset.values().removeIf(CompletableFuture::isDone);
    }

    /** Gives an accepted command of an earlier run, whose outcome nobody recorded, its final result. */
    public void abandon(CommandAccepted accepted) throws InterruptedException {
        writeAndWait(new CommandFailed(accepted.correlationId(), accepted.assetId(), accepted.target(),
                FailureCode.OUTCOME_UNKNOWN, "the platform stopped after accepting the command for "
                + accepted.assetId() + "/" + accepted.target() + " and before its outcome was known; it is not "
                + "retried", clock.instant()));
    }

    private CompletableFuture<Void> execute(DeviceCommand command) {
        Optional<Connector> connector = assets.connector(command.asset().id());
        CompletableFuture<List<Value>> outcome;
        if (connector.isEmpty()) {
            outcome = CompletableFuture.failedFuture(new CommandRejectedException(FailureCode.NOT_CONNECTED,
                    "asset " + command.asset().id() + " has no running connector"));
        } else {
            try {
                outcome = connector.get().execute(command).toCompletableFuture();
            } catch (RuntimeException e) {
                outcome = CompletableFuture.failedFuture(e);
            }
        }
        return outcome.orTimeout(executionTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((outputs, error) -> finalResult(command, outputs, error))
                .thenCompose(this::write)
                .exceptionally(error -> {
                    LOG.error("Command {} for {}: its final result could not be written: {}",
                            command.correlationId(), command.describeTarget(), error.toString());
                    return null;
                });
    }

    private CommandResult finalResult(DeviceCommand command, List<Value> outputs, Throwable error) {
        String id = command.correlationId();
        String assetId = command.asset().id();
        String target = command.target().id();
        if (error == null) {
            LOG.info("Command {} for {} completed", id, command.describeTarget());
            return new CommandCompleted(id, assetId, target, outputs == null ? List.of() : outputs, clock.instant());
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        FailureCode code;
        String reason;
        if (cause instanceof CommandRejectedException rejected) {
            code = rejected.code();
            reason = rejected.getMessage();
        } else if (cause instanceof TimeoutException) {
            code = FailureCode.OUTCOME_UNKNOWN;
            reason = "no outcome from the device of " + command.describeTarget() + " within "
                    + executionTimeout.toMillis() + " ms";
        } else {
            code = FailureCode.DEVICE_ERROR;
            reason = command.describeTarget() + ": " + cause;
        }
        LOG.warn("Command {} for {} failed ({}): {}", id, command.describeTarget(), code, reason);
        return new CommandFailed(id, assetId, target, code, reason, clock.instant());
    }

    private CompletableFuture<Void> write(CommandResult result) {
        journal.record(result);
        return results.append(source, result);
    }

    private void writeAndWait(CommandResult result) throws InterruptedException {
        try {
            results.append(source, result).get(30, TimeUnit.SECONDS);
            journal.record(result);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ResultNotWrittenException("command " + result.correlationId() + " for " + result.assetId()
                    + "/" + result.target() + ": its result could not be written: " + cause, cause);
        }
    }

    private static String describe(CommandResult result) {
        return result instanceof CommandFailed failed ? failed.code() + ": " + failed.reason()
                : "expired at " + ((CommandExpired) result).expiresAt();
    }

    /** The log did not take a result; the command was not executed. */
    public static final class ResultNotWrittenException extends RuntimeException {
        public ResultNotWrittenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
