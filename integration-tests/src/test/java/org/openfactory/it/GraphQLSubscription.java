package org.openfactory.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A GraphQL subscription over WebSocket, speaking the graphql-transport-ws protocol. */
final class GraphQLSubscription implements AutoCloseable, WebSocket.Listener {

    /** One client for all subscriptions, as a real integrator's process would have. */
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private volatile boolean stalled;

    private GraphQLSubscription() {
    }

    static GraphQLSubscription open(String baseUrl, String subscription) throws Exception {
        GraphQLSubscription self = new GraphQLSubscription();
        self.socket = CLIENT.newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(baseUrl.replace("http://", "ws://") + "/graphql"), self)
                .get(10, TimeUnit.SECONDS);
        self.send(GraphQLClient.JSON.createObjectNode().put("type", "connection_init"));
        JsonNode ack = self.next(Duration.ofSeconds(10));
        if (ack == null || !"connection_ack".equals(ack.path("type").asText())) {
            throw new IllegalStateException("expected connection_ack, got " + ack);
        }
        ObjectNode subscribe = GraphQLClient.JSON.createObjectNode().put("id", "1").put("type", "subscribe");
        subscribe.putObject("payload").put("query", subscription);
        self.send(subscribe);
        return self;
    }

    private void send(ObjectNode message) throws Exception {
        socket.sendText(GraphQLClient.JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = GraphQLClient.JSON.readTree(partial.toString());
                if ("ping".equals(message.path("type").asText())) {
                    ws.sendText("{\"type\":\"pong\"}", true); // the protocol requires the answer
                } else {
                    messages.add(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException("server sent a message that is not JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        if (!stalled) {
            ws.request(1);
        }
        return null;
    }

    /** The next message ({@code next}, {@code error}, {@code complete}; pings are answered), or null after the timeout. */
    JsonNode next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops reading from the socket, like a client that hangs: the server's writes to it back up. */
    void stall() {
        stalled = true;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
