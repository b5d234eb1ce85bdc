package org.openfactory.ingestion.northbound.mqtt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.ingestion.southbound.mqtt.MqttCommandPublisher;
import org.openfactory.ingestion.southbound.mqtt.PendingResponses;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.ConnectorBinding;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.MqttConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Reads an asset's data items from the MQTT topics its device publishes to, and sends it commands, over one MQTT
 * v5 connection (Eclipse Paho).
 *
 * <ul>
 * <li>Subscriptions are QoS 1 and, unless the connection's {@code shareGroup} is off, shared
 * ({@code $share/<group>/<topic>}): the platform instances of one group split the messages, each goes to one.</li>
 * <li>The session is persistent: clean start false with a session expiry, under a client id that stays the same
 * across restarts, so messages published while the platform is briefly away are queued by the broker and delivered
 * on reconnect. Subscriptions are renewed after every connect anyway, in case the broker lost the session.</li>
 * <li>One worker thread connects, and reconnects with exponential backoff whenever the connection is lost, forever
 * until {@link #close()}. The connector is connected while the client is connected and subscribed.</li>
 * <li>Every thread, the MQTT client's included, comes from the settings' thread factory.</li>
 * </ul>
 */
public final class MqttConnector implements Connector {

    public static final String CONNECTOR_TYPE = ConnectorBinding.MQTT;
    public static final int QOS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnector.class);
    /** Paho's receiver, sender and callback loops, plus its connect, disconnect and keep-alive tasks and timeouts. */
    private static final int CLIENT_THREADS = 6;

    private final AssetDefinition asset;
    private final MqttConnectorSettings settings;
    private final MqttConnection connection;
    private final String clientId;
    private final Clock clock;
    private final TopicBindings bindings;
    private final MessageForwarder forwarder;
    private final MqttCommandPublisher commands;
    /** Every topic filter this connector subscribes (data and response topic) and its subscription identifier. */
    private final Map<String, Integer> subscriptionIds;
    /** The MQTT client's threads, also running the command timeouts; made lazily by the pool. */
    private final ScheduledExecutorService clientThreads;

    private final Object lock = new Object();
    // Guarded by lock.
    private ScheduledExecutorService worker;
    private MqttAsyncClient client;
    private boolean closed;

    // Worker thread only.
    private int connectFailures;
    private ScheduledFuture<?> nextAttempt;

    private volatile boolean subscribed;
    /** Whether the broker supports subscription identifiers (it says so when connecting; most do). */
    private volatile boolean subscriptionIdsInUse;

    public MqttConnector(AssetDefinition asset, URI source, SampleSink sink, Clock clock,
                         MqttConnectorSettings settings) {
        this.asset = Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!(asset.connector() instanceof MqttConnection mqtt)) {
            throw new IllegalArgumentException("asset " + asset.id() + " uses connector type '"
                    + asset.connector().type() + "', not '" + CONNECTOR_TYPE + "'");
        }
        this.connection = mqtt;
        this.clientId = settings.clientId() != null ? settings.clientId() : clientIdFor(source);
        this.bindings = TopicBindings.of(asset);
        this.forwarder = new MessageForwarder(asset.id(), bindings, MqttMessageDecoder.of(mqtt.format()), source,
                sink);
        this.clientThreads = Executors.newScheduledThreadPool(CLIENT_THREADS, settings.threadFactory());
        this.commands = new MqttCommandPublisher(asset.id(), source, mqtt.format(),
                settings.responseTopicPrefix() + "/" + clientId, settings.commandTimeout(), clock,
                new PendingResponses(clientThreads));
        Map<String, Integer> ids = new LinkedHashMap<>();
        subscriptionFilters().forEach(f -> ids.put(f, subscriptionIdOf(f)));
        ids.put(commands.responseTopic(), subscriptionIdOf(commands.responseTopic()));
        this.subscriptionIds = Collections.unmodifiableMap(ids);
    }

    /**
     * The MQTT v5 subscription identifier of a topic filter: a hash, the same in every run. The persistent session
     * keeps the subscriptions of earlier definitions of the asset (e.g. the same topic under another share group);
     * a message that came through none of the current subscriptions is recognised by its identifiers and dropped,
     * so a changed definition never yields duplicates.
     */
    static int subscriptionIdOf(String filter) {
        int id = filter.hashCode() & 0x0FFFFFFF; // 1..268435455 is the valid range
        return id == 0 ? 1 : id;
    }

    /**
     * A client id that names this connector instance and stays the same across restarts, so the broker resumes its
     * session: the source's path, e.g. {@code openfactory.openfactory.mqtt.meter-1} for
     * {@code /openfactory/openfactory/mqtt/meter-1}.
     */
    public static String clientIdFor(URI source) {
        String path = source.getPath() != null && !source.getPath().isBlank() ? source.getPath()
                : source.getSchemeSpecificPart();
        String id = path.replaceAll("^/+", "").replace('/', '.').replaceAll("[^A-Za-z0-9._-]", "_");
        return id.isEmpty() ? "openfactory" : id;
    }

    public String clientId() {
        return clientId;
    }

    public String responseTopic() {
        return commands.responseTopic();
    }

    /** The topic filters subscribed for data, shared or not as the connection says. */
    public List<String> subscriptionFilters() {
        Optional<String> group = connection.sharedSubscriptionGroup();
        return bindings.topics().stream().map(t -> group.map(g -> "$share/" + g + "/" + t).orElse(t)).toList();
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
            try {
                client = new MqttAsyncClient(connection.broker(), clientId, new MemoryPersistence(), null,
                        clientThreads);
            } catch (MqttException | IllegalArgumentException e) {
                throw new IllegalArgumentException("asset " + asset.id() + ": cannot use MQTT broker "
                        + connection.broker() + ": " + e.getMessage(), e);
            }
            client.setCallback(new Callback());
            worker = Executors.newSingleThreadScheduledExecutor(settings.threadFactory());
            worker.execute(this::connect);
        }
        LOG.info("Asset {}: MQTT connector started for {} as client {} ({} of {} data items on {} topics, {}, "
                        + "format {})", asset.id(), connection.broker(), clientId, bindings.itemCount(),
                asset.dataItems().size(), bindings.topics().size(),
                connection.sharedSubscriptionGroup().map(g -> "share group " + g).orElse("unshared"),
                connection.format().id());
    }

    /** True while the client is connected to the broker and subscribed. */
    @Override
    public boolean isConnected() {
        MqttAsyncClient c = currentClient();
        return subscribed && c != null && c.isConnected();
    }

    @Override
    public CompletionStage<List<Value>> execute(DeviceCommand command) {
        MqttAsyncClient c = currentClient();
        if (c == null || !isConnected()) {
            return CompletableFuture.failedFuture(new CommandRejectedException(FailureCode.NOT_CONNECTED,
                    "asset " + asset.id() + ": not connected to MQTT broker " + connection.broker()));
        }
        return commands.publish(c, command);
    }

    /**
     * Stops reconnecting, fails the commands still waiting for an answer (OUTCOME_UNKNOWN), disconnects (the broker
     * keeps the session for its expiry) and stops every thread. Idempotent; bounded by the connect timeout.
     */
    @Override
    public void close() {
        ScheduledExecutorService stoppedWorker;
        MqttAsyncClient lastClient;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stoppedWorker = worker;
            lastClient = client;
            client = null;
        }
        subscribed = false;
        long timeoutMillis = settings.connectTimeout().toMillis();
        if (stoppedWorker != null) {
            stoppedWorker.shutdownNow();
            await(stoppedWorker, timeoutMillis);
        }
        commands.close();
        if (lastClient != null) {
            disconnect(lastClient, timeoutMillis);
        }
        clientThreads.shutdownNow();
        await(clientThreads, timeoutMillis);
        LOG.info("Asset {}: MQTT connector closed", asset.id());
    }

    // ---- connecting (worker thread) ----

    private void connect() {
        MqttAsyncClient c = currentClient();
        if (c == null) {
            return;
        }
        subscribed = false;
        try {
            if (!c.isConnected()) {
                IMqttToken connected = c.connect(options());
                connected.waitForCompletion(settings.connectTimeout().toMillis() + 1_000);
                MqttProperties connack = connected.getResponseProperties();
                subscriptionIdsInUse = connack == null || connack.isSubscriptionIdentifiersAvailable();
                LOG.info("Asset {}: connected to {} as {} ({})", asset.id(), connection.broker(), clientId,
                        connected.getSessionPresent() ? "session resumed" : "new session");
            }
            subscribe(c);
            connectFailures = 0;
            subscribed = true;
        } catch (MqttException | RuntimeException e) {
            connectFailures++;
            Duration delay = settings.retryDelay(connectFailures);
            LOG.atLevel(connectFailures == 1 ? Level.WARN : Level.DEBUG).log(
                    "Asset {}: cannot connect to MQTT broker {} (attempt {}), retrying in {} ms: {}", asset.id(),
                    connection.broker(), connectFailures, delay.toMillis(), describe(e));
            if (c.isConnected()) {
                // connected but not subscribed: start over, so a retry subscribes on a clean connection
                try {
                    c.disconnectForcibly(0, settings.connectTimeout().toMillis(), false);
                } catch (MqttException ignored) {
                    // the next attempt connects afresh anyway
                }
            }
            scheduleConnect(delay);
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(false); // the worker reconnects, with threads from our factory
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setKeepAliveInterval((int) Math.max(1, settings.keepAlive().toSeconds()));
        return options;
    }

    /**
     * Data topics (shared or not) and this connector's own response topic, all QoS 1; one SUBSCRIBE per filter,
     * since the subscription identifier belongs to the packet. Sent together, then awaited.
     */
    private void subscribe(MqttAsyncClient c) throws MqttException {
        List<String> filters = List.copyOf(subscriptionIds.keySet());
        List<IMqttToken> tokens = new ArrayList<>();
        for (String filter : filters) {
            MqttSubscription subscription = new MqttSubscription(filter, QOS);
            subscription.setRetainHandling(1); // retained values only with a new subscription, not on every renewal
            MqttProperties properties = new MqttProperties();
            if (subscriptionIdsInUse) {
                properties.setSubscriptionIdentifier(subscriptionIds.get(filter));
            }
            tokens.add(c.subscribe(new MqttSubscription[] {subscription}, null, null, properties));
        }
        for (int i = 0; i < filters.size(); i++) {
            IMqttToken token = tokens.get(i);
            token.waitForCompletion(settings.connectTimeout().toMillis());
            int[] codes = token.getReasonCodes();
            int code = codes != null && codes.length > 0 ? codes[0] : 0x80;
            if (code >= 0x80) {
                String topic = filters.get(i);
                LOG.error("Asset {}: broker {} refused the subscription to {} (reason code 0x{}); {}", asset.id(),
                        connection.broker(), topic, Integer.toHexString(code),
                        topic.equals(commands.responseTopic()) ? "command answers will not arrive"
                                : "data items " + itemsOf(topic) + " get no values");
            }
        }
        LOG.info("Asset {}: subscribed to {} at QoS {}", asset.id(), filters, QOS);
    }

    /** False for a message that came only through subscriptions this definition does not have. */
    private boolean viaCurrentSubscription(MqttMessage message) {
        if (!subscriptionIdsInUse || message.getProperties() == null) {
            return true;
        }
        return message.getProperties().getSubscriptionIdentifiers().stream()
                .anyMatch(subscriptionIds::containsValue);
    }

    private List<String> itemsOf(String filter) {
        String topic = connection.sharedSubscriptionGroup()
                .map(g -> filter.substring(("$share/" + g + "/").length())).orElse(filter);
        return bindings.itemsOn(topic).stream().map(DataItemDefinition::id).toList();
    }

    private void onConnectionLost(String reason) {
        subscribed = false;
        LOG.warn("Asset {}: connection to MQTT broker {} lost ({}); reconnecting", asset.id(), connection.broker(),
                reason);
        connectFailures = 0;
        scheduleConnect(settings.initialRetryDelay());
    }

    /** At most one attempt is pending, whoever asks for it. */
    private void scheduleConnect(Duration delay) {
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
        }
        ScheduledExecutorService w;
        synchronized (lock) {
            w = closed ? null : worker;
        }
        if (w == null) {
            return;
        }
        try {
            nextAttempt = w.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void onWorker(Runnable task) {
        ScheduledExecutorService w;
        synchronized (lock) {
            w = closed ? null : worker;
        }
        if (w != null) {
            try {
                w.execute(task);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    private MqttAsyncClient currentClient() {
        synchronized (lock) {
            return closed ? null : client;
        }
    }

    private void disconnect(MqttAsyncClient c, long timeoutMillis) {
        try {
            if (c.isConnected()) {
                c.disconnect(0).waitForCompletion(timeoutMillis);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Asset {}: disconnect from {} did not complete: {}", asset.id(), connection.broker(),
                    describe(e));
        }
        try {
            c.disconnectForcibly(0, 0, false);
        } catch (MqttException | RuntimeException e) {
            LOG.trace("Asset {}: forced disconnect: {}", asset.id(), describe(e));
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Asset {}: closing the MQTT client did not complete: {}", asset.id(), describe(e));
        }
    }

    private static void await(ScheduledExecutorService executor, long timeoutMillis) {
        try {
            executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /** Paho's callbacks; they must never throw, or Paho drops the connection. */
    private final class Callback implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            boolean wasUp = subscribed;
            subscribed = false;
            if (!wasUp) {
                return; // a connect attempt failed: the worker's retry with backoff is already planned
            }
            String reason = response == null ? "unknown" : String.valueOf(response.getException() != null
                    ? describe(response.getException()) : response.getReasonString());
            onWorker(() -> onConnectionLost(reason));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("Asset {}: MQTT error from {}: {}", asset.id(), connection.broker(), describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                if (!viaCurrentSubscription(message)) {
                    LOG.debug("Asset {}: message on topic {} ignored: it came through a subscription of an earlier "
                            + "definition of the asset, still in the broker session", asset.id(), topic);
                    return;
                }
                if (topic.equals(commands.responseTopic())) {
                    commands.onResponse(message);
                } else {
                    forwarder.onMessage(topic, message, clock.instant());
                }
            } catch (RuntimeException e) {
                LOG.error("Asset {}: message on topic {} dropped: {}", asset.id(), topic, describe(e), e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
