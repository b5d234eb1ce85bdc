package org.openfactory.bench.latency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A GraphQL subscription over WebSocket (graphql-transport-ws), as an integrator's client runs it. Every message is
 * handed to the listener on the WebSocket's thread the moment its last frame arrives; pings are answered.
 */
final class SubscriptionClient implements AutoCloseable, WebSocket.Listener {

    static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> control = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<JsonNode> onNext;
    private final boolean completeEnds;
    private WebSocket socket;
    private volatile JsonNode ended;

    private SubscriptionClient(Consumer<JsonNode> onNext, boolean completeEnds) {
        this.onNext = onNext;
        this.completeEnds = completeEnds;
    }

    /** Connects, subscribes, and returns; {@code next} messages go to {@code onNext}. */
    static SubscriptionClient open(String baseUrl, String subscription, Consumer<JsonNode> onNext) throws Exception {
        SubscriptionClient self = connect(baseUrl, onNext, true);
        self.subscribe("1", subscription);
        return self;
    }

    /**
     * Connects without subscribing; {@link #subscribe} then runs any number of subscriptions on the one socket.
     * {@code next} messages (each with its subscription's id) go to {@code onNext}; when {@code completeEnds} is
     * false, a {@code complete} message is a subscription ending normally, not the client.
     */
    static SubscriptionClient connect(String baseUrl, Consumer<JsonNode> onNext, boolean completeEnds)
            throws Exception {
        SubscriptionClient self = new SubscriptionClient(onNext, completeEnds);
        self.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(baseUrl.replace("http://", "ws://") + "/graphql"), self)
                .get(10, TimeUnit.SECONDS);
        self.send(JSON.createObjectNode().put("type", "connection_init"));
        JsonNode ack = self.control.poll(10, TimeUnit.SECONDS);
        if (ack == null || !"connection_ack".equals(ack.path("type").asText())) {
            throw new IllegalStateException("expected connection_ack, got " + ack);
        }
        return self;
    }

    /** Starts a subscription with this id; returns once the message is sent. */
    void subscribe(String id, String subscription) throws Exception {
        ObjectNode subscribe = JSON.createObjectNode().put("id", id).put("type", "subscribe");
        subscribe.putObject("payload").put("query", subscription);
        send(subscribe);
    }

    private synchronized void send(ObjectNode message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = JSON.readTree(partial.toString());
                String type = message.path("type").asText();
                switch (type) {
                    case "next" -> onNext.accept(message);
                    case "ping" -> ws.sendText("{\"type\":\"pong\"}", true);
                    case "error" -> ended = message;
                    case "complete" -> {
                        if (completeEnds) {
                            ended = message;
                        }
                    }
                    default -> control.add(message);
                }
            } catch (Exception e) {
                ended = JSON.createObjectNode().put("type", "client error").put("message", e.toString());
            }
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    /** The error or complete message that ended the subscription, or null while it runs. */
    JsonNode ended() {
        return ended;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
