package org.openfactory.ingestion.southbound.opcua;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.OpcUaSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes an asset's commands on its OPC UA device: a write of a writable variable ({@link OpcUaWriter}) or a call
 * of a METHOD item's method ({@link OpcUaMethodCaller}), with the client of the connector's active session.
 *
 * <p>Commands run one at a time, in order, on one thread of the connector's thread factory (it ends when idle). Each
 * request to the device is bounded by the request timeout; nothing is retried, since a repeated write or call
 * is not harmless in general.
 */
public final class OpcUaCommandExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaCommandExecutor.class);
    private static final long IDLE_SECONDS = 30;

    private final AssetDefinition asset;
    private final OpcUaSessionClient session;
    private final Duration requestTimeout;
    private final ThreadPoolExecutor thread;
    private final OpcUaWriter writer;
    private final OpcUaMethodCaller caller;

    public OpcUaCommandExecutor(AssetDefinition asset, OpcUaSessionClient session, ThreadFactory threads,
                                Duration requestTimeout) {
        this.asset = Objects.requireNonNull(asset, "asset");
        this.session = Objects.requireNonNull(session, "session");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.thread = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads);
        this.thread.allowCoreThreadTimeOut(true);
        this.writer = new OpcUaWriter(requestTimeout);
        this.caller = new OpcUaMethodCaller(requestTimeout);
    }

    /**
     * @return completes with the method's outputs (empty for a write), or exceptionally with a
     *         {@link CommandRejectedException}
     */
    public CompletionStage<List<Value>> execute(DeviceCommand command) {
        var task = new CommandTask(command);
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            task.result.completeExceptionally(closed(command));
        }
        return task.result;
    }

    /** Fails the queued commands (NOT_CONNECTED: never sent) and waits, bounded, for the running one. */
    @Override
    public void close() {
        for (Runnable queued : thread.shutdownNow()) {
            if (queued instanceof CommandTask task) {
                task.result.completeExceptionally(closed(task.command));
            }
        }
        try {
            thread.awaitTermination(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Value> perform(DeviceCommand command) {
        if (!(command.target().source() instanceof OpcUaSource opcua)) {
            throw new CommandRejectedException(FailureCode.UNKNOWN_TARGET, DeviceRequest.prefix(command)
                    + "it has no OPC UA mapping");
        }
        Optional<OpcUaClient> client = session.activeClient();
        if (client.isEmpty()) {
            throw new CommandRejectedException(FailureCode.NOT_CONNECTED, DeviceRequest.prefix(command)
                    + "no active OPC UA session with the device");
        }
        if (command.isMethodCall()) {
            if (!opcua.isMethod()) {
                throw new CommandRejectedException(FailureCode.UNKNOWN_TARGET, DeviceRequest.prefix(command)
                        + "a METHOD item needs opcua.objectId and opcua.methodId");
            }
            return caller.call(client.get(), command, nodeId(command, "objectId", opcua.objectId()),
                    nodeId(command, "methodId", opcua.methodId()));
        }
        if (command.arguments().size() != 1) {
            throw new CommandRejectedException(FailureCode.BAD_ARGUMENTS, DeviceRequest.prefix(command)
                    + "a write takes exactly one value, got " + command.arguments().size());
        }
        if (opcua.nodeId() == null) {
            throw new CommandRejectedException(FailureCode.UNKNOWN_TARGET, DeviceRequest.prefix(command)
                    + "writes need opcua.nodeId (browsePath is not supported yet)");
        }
        return writer.write(client.get(), command, nodeId(command, "nodeId", opcua.nodeId()));
    }

    private static NodeId nodeId(DeviceCommand command, String field, String text) {
        return NodeId.parseSafe(text.strip()).orElseThrow(() -> new CommandRejectedException(
                FailureCode.UNKNOWN_TARGET, DeviceRequest.prefix(command) + "opcua." + field + " '" + text
                        + "' is not an OPC UA node id"));
    }

    private static CommandRejectedException closed(DeviceCommand command) {
        return new CommandRejectedException(FailureCode.NOT_CONNECTED, DeviceRequest.prefix(command)
                + "the connector is closed; the command was not sent");
    }

    /** One command and its result; the result is completed exactly once, whatever happens. */
    private final class CommandTask implements Runnable {
        private final DeviceCommand command;
        private final CompletableFuture<List<Value>> result = new CompletableFuture<>();

        CommandTask(DeviceCommand command) {
            this.command = command;
        }

        @Override
        public void run() {
            try {
                List<Value> outputs = perform(command);
                LOG.info("Asset {}: command {} on {} done", asset.id(), command.correlationId(), command.target().id());
                result.complete(outputs);
            } catch (CommandRejectedException e) {
                LOG.warn("Asset {}: command {} failed ({}): {}", asset.id(), command.correlationId(), e.code(),
                        e.getMessage());
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                LOG.error("Asset {}: command {} on data item {} failed", asset.id(), command.correlationId(),
                        command.target().id(), e);
                result.completeExceptionally(new CommandRejectedException(FailureCode.DEVICE_ERROR,
                        DeviceRequest.prefix(command) + "the command failed: " + e, e));
            }
        }
    }
}
