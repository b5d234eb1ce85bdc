package org.openfactory.ingestion.northbound.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletionStage;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemServiceOperationResult;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.ingestion.southbound.opcua.OpcUaCommandExecutor;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.ConnectorBinding;
import org.openfactory.registry.asset.OpcUaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Reads an asset's data items from its OPC UA server through one subscription and hands each change to a
 * {@link SampleSink}: variables as data changes, CONDITION items as events ({@link EventItems}). Commands go to the
 * device through {@link OpcUaCommandExecutor}, with the client of the current session.
 *
 * <p>All connector work runs on one background thread: the first connect is retried with exponential backoff until
 * the device answers; after that Milo keeps the session alive and reconnects by itself, and this class re-creates
 * the subscription whenever Milo cannot carry it over (e.g. the device server restarted).
 */
public final class OpcUaConnector implements Connector {

    public static final String CONNECTOR_TYPE = ConnectorBinding.OPCUA;

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaConnector.class);

    private final AssetDefinition asset;
    private final URI source;
    private final SampleSink sink;
    private final OpcUaConnectorSettings settings;
    private final String endpointUrl;
    private final OpcUaClientFactory clientFactory;
    private final List<NodeBinding> bindings;
    private final EventItems eventItems;
    private final OpcUaCommandExecutor commands;
    private final Set<String> rejectedItemsReported = ConcurrentHashMap.newKeySet();

    private final Object lock = new Object();
    // Guarded by lock.
    private ScheduledExecutorService worker;
    private OpcUaClient client;
    private boolean closed;

    // Written on the worker thread only; read by close() once the worker has stopped.
    private volatile OpcUaSubscription subscription;
    private int connectFailures;
    private String lastConnectFailure;
    private int subscribeFailures;
    private ScheduledFuture<?> subscribeRetry;

    private volatile boolean sessionActive;

    public OpcUaConnector(AssetDefinition asset, URI source, SampleSink sink,
                                    OpcUaConnectorSettings settings) {
        this(asset, source, sink, settings, OpcUaSecurityConfig.fromEnvironment());
    }

    /** @param security the PKI folder, server trust and secret lookup shared by the server's OPC UA connectors */
    public OpcUaConnector(AssetDefinition asset, URI source, SampleSink sink, OpcUaConnectorSettings settings,
                          OpcUaSecurityConfig security) {
        this.asset = Objects.requireNonNull(asset, "asset");
        this.source = Objects.requireNonNull(source, "source");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!(asset.connector() instanceof OpcUaConnection opcua)) {
            throw new IllegalArgumentException("asset " + asset.id() + " uses connector type '"
                    + asset.connector().type() + "', not '" + CONNECTOR_TYPE + "'");
        }
        this.endpointUrl = opcua.endpoint();
        this.clientFactory = new OpcUaClientFactory(asset.id(), opcua, settings.requestTimeout(), security);
        this.bindings = NodeBinding.of(asset);
        this.eventItems = new EventItems(asset, source, sink, settings.requestTimeout(), this::submit);
        this.commands = new OpcUaCommandExecutor(asset, this::activeClient, settings.threadFactory(),
                settings.requestTimeout());
    }

    /** Starts connecting in the background and returns at once. */
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
        LOG.info("Asset {}: OPC UA connector started for {} ({} of {} data items bound)", asset.id(), endpointUrl,
                bindings.size() + eventItems.size(), asset.dataItems().size());
    }

    /** True while a session with the device is active. */
    @Override
    public boolean isConnected() {
        return sessionActive && !isClosed();
    }

    /** Writes a variable or calls a method on the device ({@link OpcUaCommandExecutor}). */
    @Override
    public CompletionStage<List<Value>> execute(DeviceCommand command) {
        return commands.execute(command);
    }

    /** The client while its session is active: what commands are sent with. */
    private Optional<OpcUaClient> activeClient() {
        OpcUaClient current = currentClient();
        return sessionActive && current != null ? Optional.of(current) : Optional.empty();
    }

    /**
     * Deletes the subscription, disconnects and stops the background thread. Idempotent; each step is bounded by
     * the request timeout, so it returns promptly even if the device is gone.
     */
    @Override
    public void close() {
        ScheduledExecutorService stoppedWorker;
        OpcUaClient lastClient;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stoppedWorker = worker;
            lastClient = client;
            client = null;
        }
        long timeoutMillis = settings.requestTimeout().toMillis();
        commands.close();
        if (stoppedWorker != null) {
            stoppedWorker.shutdownNow();
            try {
                stoppedWorker.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (lastClient != null) {
            deleteSubscription(timeoutMillis);
            disconnect(lastClient, timeoutMillis);
        }
        sessionActive = false;
        LOG.info("Asset {}: OPC UA connector closed", asset.id());
    }

    // ---- connecting (worker thread) ----

    private void connect() {
        if (isClosed()) {
            return;
        }
        OpcUaClient candidate = null;
        try {
            candidate = clientFactory.newClient();
            candidate.addSessionActivityListener(new SessionWatch(candidate));
            synchronized (lock) {
                if (closed) {
                    disconnect(candidate, settings.requestTimeout().toMillis());
                    return;
                }
                client = candidate;
            }
            candidate.connectAsync().get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            connectFailures = 0;
            lastConnectFailure = null;
            LOG.info("Asset {}: connected to {}", asset.id(), endpointUrl);
            ensureSubscription();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() is stopping us; it disconnects the published client
        } catch (Exception e) {
            if (candidate != null) {
                synchronized (lock) {
                    if (client == candidate) {
                        client = null;
                    }
                }
                // A client left alone keeps reconnecting by itself; the next attempt builds a fresh one.
                disconnect(candidate, settings.requestTimeout().toMillis());
            }
            connectFailures++;
            Duration delay = settings.retryDelay(connectFailures);
            // Warn when the cause changes (e.g. the device came up but refuses the login), not on every retry.
            String cause = clientFactory.explain(e);
            boolean changed = !cause.equals(lastConnectFailure);
            lastConnectFailure = cause;
            LOG.atLevel(changed ? Level.WARN : Level.DEBUG).log(
                    "Asset {}: cannot connect to {} (attempt {}), retrying in {} ms: {}", asset.id(), endpointUrl,
                    connectFailures, delay.toMillis(), cause);
            schedule(this::connect, delay);
        }
    }

    // ---- subscription (worker thread) ----

    /** Creates whatever part of the subscription the device does not have yet; retries with backoff on failure. */
    private void ensureSubscription() {
        OpcUaClient current = currentClient();
        if (current == null || bindings.isEmpty() && eventItems.isEmpty()) {
            return;
        }
        try {
            if (subscription == null) {
                subscription = newSubscription(current);
            }
            boolean created = false;
            if (subscription.getSyncState() == OpcUaSubscription.SyncState.INITIAL) {
                subscription.create();
                created = true;
                LOG.debug("Asset {}: subscription {} created", asset.id(),
                        subscription.getSubscriptionId().map(Object::toString).orElse("?"));
            }
            if (createMissingItems() || created) {
                eventItems.refresh(current, subscription); // current alarm states, after every (re)subscribe
            }
            subscribeFailures = 0;
            cancelSubscribeRetry();
        } catch (UaException | RuntimeException e) {
            subscribeFailures++;
            Duration delay = settings.retryDelay(subscribeFailures);
            LOG.atLevel(subscribeFailures == 1 ? Level.WARN : Level.DEBUG).log(
                    "Asset {}: cannot subscribe on {} (attempt {}), retrying in {} ms: {}", asset.id(), endpointUrl,
                    subscribeFailures, delay.toMillis(), describe(e));
            cancelSubscribeRetry();
            subscribeRetry = schedule(this::ensureSubscription, delay);
        }
    }

    private OpcUaSubscription newSubscription(OpcUaClient current) {
        var newSubscription = new OpcUaSubscription(current, settings.publishingInterval().toMillis());
        newSubscription.setSubscriptionListener(new SubscriptionWatch());
        for (NodeBinding binding : bindings) {
            OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(binding.nodeId());
            item.setSamplingInterval(binding.samplingIntervalMs(settings.samplingInterval().toMillis()));
            item.setQueueSize(uint(binding.queueSize(settings.queueSize())));
            binding.deadbandFilter().ifPresent(item::setFilter);
            item.setUserObject(binding);
            item.setDataValueListener(new SampleForwarder(asset.id(), binding, source, sink));
            newSubscription.addMonitoredItem(item);
        }
        eventItems.addTo(newSubscription, current);
        return newSubscription;
    }

    /**
     * Items the device rejects (e.g. unknown node) are reported once and tried again on the next re-subscribe.
     *
     * @return whether an event item was created
     */
    private boolean createMissingItems() throws UaException {
        boolean eventItemCreated = false;
        for (MonitoredItemServiceOperationResult result : subscription.createMonitoredItems()) {
            if (!result.serviceResult().isGood()) {
                throw new UaException(result.serviceResult(), "CreateMonitoredItems failed");
            }
            StatusCode status = result.operationResult().orElse(StatusCode.GOOD);
            MonitoredBinding binding = (MonitoredBinding) result.monitoredItem().getUserObject().orElseThrow();
            if (status.isGood()) {
                eventItemCreated |= binding instanceof EventBinding;
                rejectedItemsReported.remove(binding.item().id());
            } else if (rejectedItemsReported.add(binding.item().id())) {
                LOG.error("Asset {}: data item {} is not monitored: the device rejected node {}: {}", asset.id(),
                        binding.item().id(), binding.nodeId().toParseableString(), status);
            }
        }
        return eventItemCreated;
    }

    private void cancelSubscribeRetry() {
        if (subscribeRetry != null) {
            subscribeRetry.cancel(false);
            subscribeRetry = null;
        }
    }

    private void deleteSubscription(long timeoutMillis) {
        OpcUaSubscription last = subscription;
        if (last == null || !sessionActive || last.getSyncState() == OpcUaSubscription.SyncState.INITIAL) {
            return; // nothing on the device, or no session to delete it with (the device drops it on timeout)
        }
        try {
            last.deleteAsync().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Asset {}: could not delete subscription: {}", asset.id(), describe(e));
        }
    }

    // ---- Milo callbacks: hand work to the worker thread ----

    /** Follows the session of one client; a discarded client's late callbacks are ignored. */
    private final class SessionWatch implements SessionActivityListener {
        private final OpcUaClient owner;
        private boolean lost;

        SessionWatch(OpcUaClient owner) {
            this.owner = owner;
        }

        @Override
        public void onSessionActive(UaSession session) {
            if (currentClient() != owner) {
                return;
            }
            sessionActive = true;
            if (lost) {
                LOG.info("Asset {}: session with {} active again", asset.id(), endpointUrl);
            }
            submit(OpcUaConnector.this::ensureSubscription);
        }

        @Override
        public void onSessionInactive(UaSession session) {
            if (currentClient() != owner) {
                return;
            }
            sessionActive = false;
            lost = true;
            LOG.warn("Asset {}: session with {} lost, reconnecting", asset.id(), endpointUrl);
        }
    }

    private final class SubscriptionWatch implements OpcUaSubscription.SubscriptionListener {
        @Override
        public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
            // Milo has reset the subscription; the device (e.g. restarted) no longer knows it.
            LOG.info("Asset {}: subscription not carried over to the new session ({}), re-creating", asset.id(),
                    status);
            submit(OpcUaConnector.this::ensureSubscription);
        }

        @Override
        public void onStatusChanged(OpcUaSubscription s, StatusCode status) {
            if (status.value() == StatusCodes.Bad_Timeout) {
                LOG.info("Asset {}: subscription timed out on the device, re-creating", asset.id());
                submit(() -> {
                    s.reset();
                    ensureSubscription();
                });
            }
        }
    }

    // ---- helpers ----

    private void submit(Runnable task) {
        schedule(task, Duration.ZERO);
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
            LOG.error("Asset {}: OPC UA connector task failed", asset.id(), e);
        }
    }

    private OpcUaClient currentClient() {
        synchronized (lock) {
            return closed ? null : client;
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void disconnect(OpcUaClient c, long timeoutMillis) {
        try {
            c.disconnectAsync().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Asset {}: disconnect from {} did not complete: {}", asset.id(), endpointUrl, describe(e));
        }
    }

    /** The innermost cause, e.g. "ConnectException: Connection refused", for one-line logs. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
