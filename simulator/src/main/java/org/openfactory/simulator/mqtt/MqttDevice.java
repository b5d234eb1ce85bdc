package org.openfactory.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated device speaking MQTT v5: it connects to a broker (retrying until it can), publishes its readings at
 * QoS 1 and answers commands. A command is a message on one of its command topics carrying an MQTT v5 response
 * topic and correlation data; the answer goes to that response topic with the same correlation data and a JSON
 * payload: {@code {"status":"ok"}} (with {@code "outputs":[...]} for a method) or
 * {@code {"status":"error","reason":"..."}}.
 *
 * <p>Startable, stoppable and restartable: {@link #close()} disconnects like a device switched off, {@link #start()}
 * connects again with a fresh session, keeping the device's state. One thread runs the device's model, its
 * publishing and its commands, so the state needs no locking.
 */
public abstract class MqttDevice implements AutoCloseable {

    public static final String DEFAULT_BROKER = "tcp://127.0.0.1:1883";

    private static final Logger LOG = LoggerFactory.getLogger(MqttDevice.class);
    private static final long RECONNECT_CHECK_MS = 250;

    private final String brokerUrl;
    private final String name;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();

    private ScheduledExecutorService loop; // guarded by this
    private MqttAsyncClient client; // guarded by this
    private volatile boolean connected;
    private boolean warnedUnreachable; // loop thread only

    protected MqttDevice(String brokerUrl, String name) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Connects in the background (retrying until the broker answers) and starts publishing; returns at once. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        try {
            // a fresh client id per start: a restarted device is a new connection, as after a power cycle
            client = new MqttAsyncClient(brokerUrl, name + "-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(name + ": cannot use broker " + brokerUrl + ": " + e.getMessage(), e);
        }
        MqttAsyncClient c = client;
        c.setCallback(new Callback());
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-" + name);
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> ensureConnected(c), 0, RECONNECT_CHECK_MS, TimeUnit.MILLISECONDS);
        onStart(loop);
        LOG.info("{}: started, broker {}", name, brokerUrl);
    }

    /** Disconnects and stops publishing; the device keeps its state for the next {@link #start()}. */
    @Override
    public synchronized void close() {
        if (loop == null) {
            return;
        }
        loop.shutdownNow();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connected = false;
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("{}: disconnect did not complete: {}", name, e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("{}: close did not complete: {}", name, e.toString());
        }
        loop = null;
        client = null;
        LOG.info("{}: stopped", name);
    }

    public boolean isConnected() {
        return connected;
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    /** How many messages were handed to the broker since construction. */
    public long publishedCount() {
        return published.get();
    }

    /** How many commands were answered since construction. */
    public long commandCount() {
        return commands.get();
    }

    /** Schedules the device's own work (e.g. its publishing) on the device's thread. */
    protected abstract void onStart(ScheduledExecutorService loop);

    /** The topics the device takes commands on. */
    protected abstract List<String> commandTopics();

    /** Executes one command on the device's thread. */
    protected abstract Outcome onCommand(String topic, MqttMessage request);

    /** Publishes at QoS 1, not retained; while disconnected the reading is lost, as on a real device. */
    protected final void publish(String topic, byte[] payload, MqttProperties properties) {
        MqttAsyncClient c;
        synchronized (this) {
            c = client;
        }
        if (c == null || !c.isConnected()) {
            return;
        }
        MqttMessage message = new MqttMessage(payload, 1, false, properties);
        try {
            c.publish(topic, message);
            published.incrementAndGet();
        } catch (MqttException e) {
            LOG.debug("{}: publish to {} failed: {}", name, topic, e.toString());
        }
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void ensureConnected(MqttAsyncClient c) {
        if (c.isConnected()) {
            return;
        }
        try {
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setConnectionTimeout(5);
            options.setKeepAliveInterval(10);
            c.connect(options).waitForCompletion(6_000);
            List<String> topics = commandTopics();
            if (!topics.isEmpty()) {
                MqttSubscription[] subscriptions = topics.stream().map(t -> new MqttSubscription(t, 1))
                        .toArray(MqttSubscription[]::new);
                c.subscribe(subscriptions).waitForCompletion(6_000);
            }
            connected = true;
            warnedUnreachable = false;
            LOG.info("{}: connected to {}, commands on {}", name, brokerUrl, topics);
        } catch (MqttException e) {
            if (!warnedUnreachable) {
                LOG.warn("{}: cannot connect to {} (retrying every {} ms): {}", name, brokerUrl,
                        RECONNECT_CHECK_MS, e.toString());
                warnedUnreachable = true;
            }
            try {
                if (c.isConnected()) {
                    c.disconnectForcibly(0, 1_000, false);
                }
            } catch (MqttException ignored) {
                // the next check tries again
            }
        }
    }

    private void answer(String topic, MqttMessage request) {
        Outcome outcome;
        try {
            outcome = onCommand(topic, request);
        } catch (RuntimeException e) {
            outcome = Outcome.error(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        commands.incrementAndGet();
        MqttProperties in = request.getProperties();
        String responseTopic = in == null ? null : in.getResponseTopic();
        if (responseTopic == null) {
            LOG.info("{}: command on {} had no response topic; outcome {}", name, topic, outcome);
            return;
        }
        MqttProperties out = new MqttProperties();
        out.setCorrelationData(in.getCorrelationData());
        out.setContentType("application/json");
        publish(responseTopic, utf8(outcome.toJson()), out);
        LOG.info("{}: command on {} answered {}", name, topic, outcome.toJson());
    }

    /** What the device answers to a command. */
    public record Outcome(boolean ok, String reason, List<Object> outputs) {

        public static Outcome done() {
            return new Outcome(true, null, null);
        }

        public static Outcome done(List<Object> outputs) {
            return new Outcome(true, null, List.copyOf(outputs));
        }

        public static Outcome error(String reason) {
            return new Outcome(false, reason, null);
        }

        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("status", ok ? "ok" : "error");
            if (reason != null) {
                json.put("reason", reason);
            }
            if (outputs != null) {
                json.put("outputs", outputs);
            }
            return MiniJson.write(json);
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            connected = false;
            LOG.info("{}: disconnected from {}: {}", name, brokerUrl, response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.debug("{}: MQTT error: {}", name, exception.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            ScheduledExecutorService l;
            synchronized (MqttDevice.this) {
                l = loop;
            }
            if (l != null && !l.isShutdown()) {
                try {
                    l.execute(() -> answer(topic, message));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // the device is being switched off: the command goes unanswered, as it would
                }
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
