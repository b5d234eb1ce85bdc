package org.openfactory.ingestion.northbound.mtconnect;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.ConnectorBinding;
import org.openfactory.registry.asset.MtConnectConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Reads an asset's data items from an MTConnect agent (read-only: MTConnect has no writes). One reading thread runs
 * an {@link AgentSession}: probe, {@code /current} baseline, then the sample stream, resumed from the last sequence
 * number after a drop and re-baselined after an agent restart or lost data. Failures are retried with exponential
 * backoff until the connector is closed. A watchdog reopens a stream that stays silent (no data, no heartbeat) for
 * {@link MtConnectConnectorSettings#silenceLimit()}.
 */
public final class MtConnectConnector implements Connector {

    public static final String CONNECTOR_TYPE = ConnectorBinding.MTCONNECT;

    private static final Logger LOG = LoggerFactory.getLogger(MtConnectConnector.class);
    private static final long CLOSE_WAIT_MILLIS = 3_000;

    private final AssetDefinition asset;
    private final MtConnectConnection connection;
    private final URI source;
    private final SampleSink sink;
    private final MtConnectConnectorSettings settings;
    private final StreamWatch watch;

    private final Object lock = new Object();
    // Guarded by lock.
    private boolean started;
    private volatile boolean closed;
    private Thread reader;
    private ScheduledExecutorService watchdog;
    private ExecutorService httpExecutor;

    public MtConnectConnector(AssetDefinition asset, URI source, SampleSink sink,
                              MtConnectConnectorSettings settings) {
        this.asset = Objects.requireNonNull(asset, "asset");
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!(asset.connector() instanceof MtConnectConnection mtconnect)) {
            throw new IllegalArgumentException("asset " + asset.id() + " uses connector type '"
                    + asset.connector().type() + "', not '" + CONNECTOR_TYPE + "'");
        }
        this.connection = mtconnect;
        URI agent = URI.create(connection.agentUrl());
        if (!"http".equals(agent.getScheme()) && !"https".equals(agent.getScheme()) || agent.getHost() == null) {
            throw new IllegalArgumentException("asset " + asset.id() + " has no valid MTConnect agent URL: "
                    + connection.agentUrl());
        }
        this.watch = new StreamWatch(settings.silenceLimit().toNanos());
    }

    /** Starts reading in the background and returns at once. */
    @Override
    public void start() {
        AgentSession session;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("connector for asset " + asset.id() + " is closed");
            }
            if (started) {
                return;
            }
            started = true;
            httpExecutor = Executors.newCachedThreadPool(settings.threadFactory());
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1) // agents speak HTTP/1.1; no h2c upgrade attempts
                    .connectTimeout(settings.requestTimeout())
                    .executor(httpExecutor)
                    .build();
            session = new AgentSession(asset, new AgentClient(connection.agentUrl(), http, settings.requestTimeout()),
                    new SamplePublisher(asset.id(), source, sink), watch, settings);
            reader = settings.threadFactory().newThread(() -> readUntilClosed(session));
            reader.setName("mtconnect-" + asset.id());
            watchdog = Executors.newSingleThreadScheduledExecutor(settings.threadFactory());
            long checkMillis = Math.max(20, settings.heartbeat().toMillis() / 4);
            watchdog.scheduleWithFixedDelay(this::reopenIfSilent, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
            reader.start();
        }
        LOG.info("Asset {}: MTConnect connector started for {} ({} data items mapped)", asset.id(),
                connection.endpoint(), session.declaredItems());
    }

    /** True while a sample stream is open and its data or heartbeats arrive. */
    @Override
    public boolean isConnected() {
        return !closed && watch.isAlive();
    }

    /** MTConnect is read-only: every command is rejected. */
    @Override
    public CompletionStage<List<Value>> execute(DeviceCommand command) {
        return CompletableFuture.failedFuture(new CommandRejectedException(FailureCode.READ_ONLY,
                "asset " + asset.id() + ": data item " + command.target().id()
                        + " cannot be written or called: MTConnect is read-only"));
    }

    /** Ends the stream and stops the threads; idempotent, returns within a few seconds. */
    @Override
    public void close() {
        Thread stoppedReader;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stoppedReader = reader;
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
        }
        watch.close();
        if (stoppedReader != null) {
            stoppedReader.interrupt();
            try {
                stoppedReader.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            if (httpExecutor != null) {
                httpExecutor.shutdownNow();
            }
        }
        LOG.info("Asset {}: MTConnect connector closed", asset.id());
    }

    // ---- reading thread ----

    private void readUntilClosed(AgentSession session) {
        int failures = 0;
        while (!closed) {
            Duration delay;
            try {
                AgentSession.Outcome outcome = session.readOnce();
                if (outcome == AgentSession.Outcome.RESYNC) {
                    failures = 0;
                    continue;
                }
                if (session.lastStreamDelivered()) {
                    failures = 0;
                    delay = settings.initialRetryDelay();
                    LOG.atLevel(watch.takeClosedAsSilent() ? Level.DEBUG : Level.INFO).log(
                            "Asset {}: stream from {} ended, resuming in {} ms", asset.id(), connection.agentUrl(),
                            delay.toMillis());
                } else {
                    failures++;
                    delay = settings.retryDelay(failures);
                    LOG.atLevel(failures == 1 ? Level.WARN : Level.DEBUG).log(
                            "Asset {}: stream from {} ended before any data (attempt {}), retrying in {} ms",
                            asset.id(), connection.agentUrl(), failures, delay.toMillis());
                }
            } catch (InterruptedException e) {
                return; // closing
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                boolean closedAsSilent = watch.takeClosedAsSilent(); // the watchdog ended it, and said so
                if (closedAsSilent || session.lastStreamDelivered()) {
                    failures = 0; // the agent served until now: resume soon
                }
                failures++;
                delay = settings.retryDelay(failures);
                LOG.atLevel(failures == 1 && !closedAsSilent ? Level.WARN : Level.DEBUG).log(
                        "Asset {}: cannot read from MTConnect agent {} (attempt {}), retrying in {} ms: {}",
                        asset.id(), connection.endpoint(), failures, delay.toMillis(), describe(e));
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void reopenIfSilent() {
        long silent = watch.silentMillis();
        if (watch.closeIfSilent()) {
            LOG.warn("Asset {}: no data and no heartbeat from {} for {} ms (limit {} ms); reopening the stream",
                    asset.id(), connection.agentUrl(), silent, settings.silenceLimit().toMillis());
        }
    }

    /** The innermost cause, e.g. "ConnectException: Connection refused", for one-line logs. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return root == e || e.getMessage() == null ? text : e.getMessage() + " (" + text + ")";
    }
}
