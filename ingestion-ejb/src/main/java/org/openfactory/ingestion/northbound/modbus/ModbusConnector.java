package org.openfactory.ingestion.northbound.modbus;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.ingestion.southbound.modbus.ModbusCommandWriter;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.ModbusConnection;
import org.openfactory.registry.asset.ModbusSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Polls one Modbus TCP device (one unit id) at the asset's poll interval and writes commands to it. Modbus has no
 * subscriptions, so every data item is read each poll, adjacent ones in one request ({@link ReadPlan}), and only
 * changes are published ({@link ModbusPoller}).
 *
 * <p>All device I/O runs on one background thread: connecting, polling, writing and reconnecting with exponential
 * backoff, so requests never interleave and the j2mod master is never shared.
 */
public final class ModbusConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusConnector.class);

    private final AssetDefinition asset;
    private final ModbusConnection connection;
    private final ModbusConnectorSettings settings;
    private final ModbusPoller poller;
    private final ModbusCommandWriter writer;
    private final ReadPlan plan;
    private final Set<PendingWrite> pendingWrites = ConcurrentHashMap.newKeySet();

    private final Object lock = new Object();
    private boolean closed; // guarded by lock
    private ScheduledExecutorService worker; // guarded by lock
    private volatile boolean connected;

    // worker thread only
    private ModbusTCPMaster master;
    private ScheduledFuture<?> nextPoll;
    private int failures;
    private boolean everConnected;

    public ModbusConnector(AssetDefinition asset, URI source, SampleSink sink, Clock clock,
                           ModbusConnectorSettings settings) {
        this.asset = asset;
        if (!(asset.connector() instanceof ModbusConnection modbus)) {
            throw new IllegalArgumentException("asset " + asset.id() + " has a " + asset.connector().type()
                    + " connector, not a Modbus one");
        }
        this.connection = modbus;
        this.settings = settings;
        this.plan = ReadPlan.of(polledItems(asset), settings.maxGap());
        this.poller = new ModbusPoller(asset.id(), modbus.unitId(), plan, source, sink, clock);
        this.writer = new ModbusCommandWriter(modbus.unitId());
    }

    private static List<PolledItem> polledItems(AssetDefinition asset) {
        var items = new ArrayList<PolledItem>();
        for (DataItemDefinition item : asset.dataItems()) {
            if (item.source() instanceof ModbusSource modbus) {
                items.add(new PolledItem(item, modbus));
            } else {
                LOG.error("Asset {}: data item {} is not polled: it has a {} mapping, not a Modbus one", asset.id(),
                        item.id(), item.source().connectorType());
            }
        }
        return items;
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("connector for asset " + asset.id() + " is closed");
            }
            if (worker != null) {
                return;
            }
            worker = Executors.newSingleThreadScheduledExecutor(settings.threadFactory());
            worker.execute(this::connect);
        }
        LOG.info("Asset {}: Modbus connector started for {}, polling {} data items in {} requests every {} ms",
                asset.id(), connection.endpoint(), plan.blocks().stream().mapToInt(b -> b.items().size()).sum(),
                plan.requestsPerPoll(), connection.pollIntervalMs());
    }

    /** True while the TCP connection to the device is up and its last request did not fail on the wire. */
    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public CompletionStage<List<Value>> execute(DeviceCommand command) {
        var write = new PendingWrite(command);
        if (!connected) {
            write.fail(notConnected(command));
            return write.result;
        }
        pendingWrites.add(write);
        if (!submit(() -> runWrite(write))) {
            write.fail(notConnected(command));
        }
        return write.result;
    }

    /**
     * Stops polling and disconnects. Idempotent; bounded by the request timeout. Commands not yet sent fail with
     * NOT_CONNECTED, one on the wire with OUTCOME_UNKNOWN.
     */
    @Override
    public void close() {
        ScheduledExecutorService stoppedWorker;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stoppedWorker = worker;
        }
        connected = false;
        if (stoppedWorker != null) {
            stoppedWorker.shutdownNow();
            try {
                if (!stoppedWorker.awaitTermination(settings.requestTimeout().toMillis() + 500,
                        TimeUnit.MILLISECONDS)) {
                    LOG.warn("Asset {}: Modbus connector thread did not stop in time", asset.id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ModbusTCPMaster last = master;
        if (last != null) {
            last.disconnect();
        }
        for (PendingWrite write : pendingWrites) {
            write.fail(write.sent
                    ? new CommandRejectedException(FailureCode.OUTCOME_UNKNOWN, "asset " + asset.id()
                            + ": connector stopped while writing data item " + write.command.target().id())
                    : notConnected(write.command));
        }
        LOG.info("Asset {}: Modbus connector for {} stopped", asset.id(), connection.endpoint());
    }

    // ---- worker thread ----

    private void connect() {
        var candidate = (ModbusTCPMaster) null;
        try {
            int timeoutMillis = (int) settings.requestTimeout().toMillis();
            candidate = new ModbusTCPMaster(connection.host(), connection.port(), timeoutMillis, false);
            candidate.connect();
            // one attempt per request: this connector owns retrying, with backoff
            candidate.setRetries(1);
        } catch (Exception e) { // j2mod's connect declares Exception; an unknown host is a RuntimeException
            if (candidate != null) {
                candidate.disconnect();
            }
            retryLater("cannot connect to", e);
            return;
        }
        master = candidate;
        connected = true;
        poller.forgetPublished();
        LOG.info("Asset {}: connected to {}{}", asset.id(), connection.endpoint(), everConnected ? " again" : "");
        everConnected = true;
        poll();
    }

    private void poll() {
        if (master == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            poller.poll(master);
            failures = 0;
        } catch (ModbusException | RuntimeException e) {
            connectionLost(e);
            return;
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        nextPoll = schedule(this::poll, Duration.ofMillis(Math.max(0, connection.pollIntervalMs() - elapsedMillis)));
    }

    private void runWrite(PendingWrite write) {
        if (master == null) {
            write.fail(notConnected(write.command));
            return;
        }
        write.sent = true;
        try {
            writer.write(master, write.command);
            write.complete();
        } catch (CommandRejectedException e) {
            write.fail(e);
            return;
        } catch (ModbusException e) {
            write.fail(new CommandRejectedException(FailureCode.OUTCOME_UNKNOWN, "asset " + asset.id()
                    + ": the connection to " + connection.endpoint() + " failed while writing data item "
                    + write.command.target().id() + " (" + ModbusExceptions.describe(e)
                    + "); the device may or may not have applied it", e));
            connectionLost(e);
            return;
        } catch (RuntimeException e) {
            LOG.error("Asset {}: writing data item {} failed unexpectedly", asset.id(),
                    write.command.target().id(), e);
            write.fail(new CommandRejectedException(FailureCode.OUTCOME_UNKNOWN, "asset " + asset.id()
                    + ": writing data item " + write.command.target().id() + " failed: " + e, e));
            return;
        }
        // show the written value without waiting a whole poll interval
        if (nextPoll != null && nextPoll.cancel(false)) {
            nextPoll = schedule(this::poll, Duration.ZERO);
        }
    }

    private void connectionLost(Exception e) {
        if (nextPoll != null) {
            nextPoll.cancel(false);
            nextPoll = null;
        }
        if (master != null) {
            master.disconnect();
            master = null;
        }
        connected = false;
        retryLater("lost the connection to", e);
    }

    private void retryLater(String what, Exception e) {
        failures++;
        Duration delay = settings.retryDelay(failures);
        LOG.atLevel(failures == 1 ? Level.WARN : Level.DEBUG).log(
                "Asset {}: {} {} (attempt {}), retrying in {} ms: {}", asset.id(), what, connection.endpoint(),
                failures, delay.toMillis(), ModbusExceptions.describe(e));
        schedule(this::connect, delay);
    }

    // ---- helpers ----

    private boolean submit(Runnable task) {
        return schedule(task, Duration.ZERO) != null;
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        synchronized (lock) {
            if (closed || worker == null) {
                return null;
            }
            try {
                return worker.schedule(() -> runSafely(task), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                return null; // closing
            }
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Asset {}: Modbus connector task failed", asset.id(), e);
        }
    }

    private CommandRejectedException notConnected(DeviceCommand command) {
        return new CommandRejectedException(FailureCode.NOT_CONNECTED, "asset " + asset.id() + ": not connected to "
                + connection.endpoint() + ", data item " + command.target().id() + " was not written");
    }

    /** A command on its way to the device; completes once, however it ends. */
    private final class PendingWrite {
        final DeviceCommand command;
        final CompletableFuture<List<Value>> result = new CompletableFuture<>();
        volatile boolean sent;

        PendingWrite(DeviceCommand command) {
            this.command = command;
        }

        void complete() {
            pendingWrites.remove(this);
            result.complete(List.of());
        }

        void fail(CommandRejectedException e) {
            pendingWrites.remove(this);
            result.completeExceptionally(e);
        }
    }
}
