package org.openfactory.simulator.mtconnect;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual MTConnect agent (REST API of MTConnect 2.0 over HTTP) in front of a simulated 3-axis machining center,
 * {@value Vmc3Axis#NAME}. It serves {@code /probe}, {@code /current} and {@code /sample} (also streamed as
 * {@code multipart/x-mixed-replace} with {@code interval} and {@code heartbeat}), under the device's name or uuid
 * or without a device. Observations get sequence numbers in a ring buffer of {@code bufferSize}.
 *
 * <p>{@link #close()} then {@link #start()} models the agent becoming unreachable and reachable again: the buffer
 * and instanceId survive. {@link #restart()} models the agent process restarting: new instanceId, sequence numbers
 * from 1. Tests also drop or silence streams and inject corrupt parts or raw values.
 */
public final class MtConnectAgentServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 5000;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final Duration DEFAULT_TICK = Duration.ofMillis(250);
    public static final int DEFAULT_BUFFER_SIZE = 4096;
    static final int DEFAULT_COUNT = 100;
    static final long DEFAULT_HEARTBEAT_MILLIS = 10_000;
    private static final List<String> REQUESTS = List.of("probe", "current", "sample");

    private static final Logger LOG = LoggerFactory.getLogger(MtConnectAgentServer.class);
    private static final Instant MODEL_CHANGE_TIME = Instant.parse("2024-01-01T00:00:00Z");
    /** Agents take the start time in seconds; unique here too, as tests start agents within one second. */
    private static final AtomicLong LAST_INSTANCE_ID = new AtomicLong();

    private final String bindAddress;
    private final int port;
    private final Duration tick;
    private final int bufferSize;
    private final MachineTool machine;
    private final StreamControls controls = new StreamControls();
    private final Object lifecycleLock = new Object();
    private volatile AgentInstance instance;
    // Guarded by lifecycleLock; null while stopped.
    private HttpServer server;
    private ExecutorService handlers;
    private ScheduledExecutorService ticker;

    public MtConnectAgentServer(int port) {
        this(DEFAULT_BIND_ADDRESS, port, DEFAULT_TICK, DEFAULT_BUFFER_SIZE, 42L);
    }

    /**
     * @param tick       how often the machine advances by itself; null: only when {@link #tick()} is called
     * @param bufferSize observations the agent keeps
     * @param seed       seeds the machine's noise and warnings, so runs are reproducible
     */
    public MtConnectAgentServer(String bindAddress, int port, Duration tick, int bufferSize, long seed) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (tick != null && (tick.isNegative() || tick.isZero())) {
            throw new IllegalArgumentException("tick must be positive: " + tick);
        }
        this.port = port;
        this.tick = tick;
        this.bufferSize = bufferSize;
        this.machine = new MachineTool(seed);
        this.instance = newInstance();
    }

    /** The agent's base URL, e.g. {@code http://127.0.0.1:5000}. */
    public String agentUrl() {
        return "http://" + bindAddress + ":" + port;
    }

    /** Binds the port and serves; returns once clients can connect. Idempotent. */
    public void start() {
        synchronized (lifecycleLock) {
            if (server != null) {
                return;
            }
            AtomicInteger threads = new AtomicInteger();
            handlers = Executors.newCachedThreadPool(r -> daemon(r, "mtconnect-agent-" + port + "-"
                    + threads.incrementAndGet()));
            try {
                server = HttpServer.create(new InetSocketAddress(bindAddress, port), 50);
            } catch (IOException e) {
                handlers.shutdownNow();
                handlers = null;
                throw new IllegalStateException("MTConnect agent could not listen on " + agentUrl(), e);
            }
            controls.running = true;
            server.setExecutor(handlers);
            server.createContext("/", this::handle);
            server.start();
            if (tick != null) {
                ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mtconnect-machine-" + port));
                ticker.scheduleAtFixedRate(this::tickSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
            }
            LOG.info("MTConnect agent for {} listening on {} (instanceId {})", Vmc3Axis.NAME, agentUrl(),
                    instance.instanceId());
        }
    }

    /** Stops serving and releases the port; open streams end. The buffer and instanceId are kept. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycleLock) {
            if (server == null) {
                return;
            }
            controls.running = false;
            instance.buffer().wakeUp();
            if (ticker != null) {
                ticker.shutdownNow();
                ticker = null;
            }
            server.stop(0);
            handlers.shutdownNow();
            try {
                handlers.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
            handlers = null;
            LOG.info("MTConnect agent on {} stopped", agentUrl());
        }
    }

    public boolean isRunning() {
        synchronized (lifecycleLock) {
            return server != null;
        }
    }

    /** The agent process restarts: a new instanceId, an empty buffer numbered from 1, open streams end. */
    public void restart() {
        AgentInstance previous;
        synchronized (lifecycleLock) {
            previous = instance;
            instance = newInstance();
        }
        previous.buffer().wakeUp();
        LOG.info("MTConnect agent on {} restarted: instanceId {} -> {}", agentUrl(), previous.instanceId(),
                instance.instanceId());
    }

    /** Advances the machine by one step and records what changed. */
    public void tick() {
        record(machine.step());
    }

    /** Records a value as if the machine's adapter had sent it: any text, also one that is not a valid value. */
    public RecordedObservation injectRaw(String dataItemId, String text) {
        requireDataItem(dataItemId);
        return record(List.of(Reading.of(dataItemId, text))).get(0);
    }

    /** Records a condition activation, e.g. {@code ("system", "FAULT", "F100", "Spindle overload")}. */
    public RecordedObservation injectCondition(String dataItemId, String level, String nativeCode, String message) {
        if (!requireDataItem(dataItemId).isCondition()) {
            throw new IllegalArgumentException(dataItemId + " is not a CONDITION data item");
        }
        return record(List.of(Reading.condition(dataItemId, level, nativeCode, message))).get(0);
    }

    /** Every open stream sends one part that is not well-formed XML, then goes on. */
    public void injectCorruptPart() {
        controls.corruptParts.incrementAndGet();
        instance.buffer().wakeUp();
    }

    /** Every open stream ends at once, in the middle of a part when it has one to send. */
    public void dropStreams() {
        controls.drops.incrementAndGet();
        instance.buffer().wakeUp();
    }

    /** While silenced, open streams send nothing, not even heartbeats, but stay open. */
    public void silenceStreams(boolean silenced) {
        controls.silenced = silenced;
        instance.buffer().wakeUp();
    }

    public long instanceId() {
        return instance.instanceId();
    }

    public long lastSequence() {
        return instance.buffer().window().lastSequence();
    }

    public long firstSequence() {
        return instance.buffer().window().firstSequence();
    }

    /** The observations still in the buffer, from sequence {@code from} on. */
    public List<RecordedObservation> history(long from) {
        return instance.buffer().history(from);
    }

    /** Streams being served right now. */
    public int activeStreams() {
        return controls.active.get();
    }

    /** Streams opened since this agent was made. */
    public long streamsOpened() {
        return controls.opened.get();
    }

    // ---- recording ----

    private List<RecordedObservation> record(List<Reading> readings) {
        AgentInstance current = instance;
        Instant now = Instant.now();
        return readings.stream().map(r -> current.buffer().add(r, now)).toList();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("MTConnect machine simulation step failed", e);
        }
    }

    private AgentInstance newInstance() {
        long instanceId = LAST_INSTANCE_ID.updateAndGet(last -> Math.max(Instant.now().getEpochSecond(), last + 1));
        var documents = new AgentDocuments("openfactory-simulator", instanceId, bufferSize, MODEL_CHANGE_TIME);
        var buffer = new ObservationBuffer(bufferSize);
        Instant now = Instant.now();
        machine.snapshot().forEach(r -> buffer.add(r, now));
        return new AgentInstance(documents, buffer);
    }

    private static DataItemSpec requireDataItem(String dataItemId) {
        return Vmc3Axis.dataItem(dataItemId).orElseThrow(() -> new IllegalArgumentException(
                "no data item " + dataItemId + " on " + Vmc3Axis.NAME));
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) {
        try (exchange) {
            AgentInstance current = instance;
            if (!"GET".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, current.documents().error("UNSUPPORTED", "only GET is supported"));
                return;
            }
            List<String> segments = List.of(exchange.getRequestURI().getPath().split("/")).stream()
                    .filter(s -> !s.isEmpty()).toList();
            String device = null;
            String request;
            if (segments.isEmpty()) {
                request = "probe";
            } else if (segments.size() == 1 && REQUESTS.contains(segments.get(0))) {
                request = segments.get(0);
            } else if (segments.size() <= 2) {
                device = segments.get(0); // /<device> alone is the device's probe
                request = segments.size() == 2 ? segments.get(1) : "probe";
            } else {
                request = String.join("/", segments);
            }
            if (device != null && !Vmc3Axis.isNamedBy(device)) {
                reply(exchange, 404, current.documents().error("NO_DEVICE", "Could not find the device '" + device
                        + "'"));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            switch (request) {
                case "probe" -> reply(exchange, 200, current.documents().devices(current.buffer().window()));
                case "current" -> reply(exchange, 200, current.documents().streams(current.buffer().current()));
                case "sample" -> sample(exchange, current, query);
                default -> reply(exchange, 400, current.documents().error("INVALID_REQUEST",
                        "unknown request '" + request + "'"));
            }
        } catch (IOException e) {
            LOG.debug("MTConnect agent on {}: client went away: {}", agentUrl(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("MTConnect agent on {}: request {} failed", agentUrl(), exchange.getRequestURI(), e);
        }
    }

    private void sample(HttpExchange exchange, AgentInstance current, Map<String, String> query)
            throws IOException, InterruptedException {
        ObservationBuffer.Window window = current.buffer().window();
        long from;
        int count;
        Long interval;
        long heartbeat;
        try {
            from = query.containsKey("from") ? Long.parseLong(query.get("from")) : window.firstSequence();
            count = query.containsKey("count") ? Integer.parseInt(query.get("count"))
                    : Math.min(DEFAULT_COUNT, bufferSize);
            interval = query.containsKey("interval") ? Long.parseLong(query.get("interval")) : null;
            heartbeat = query.containsKey("heartbeat") ? Long.parseLong(query.get("heartbeat"))
                    : DEFAULT_HEARTBEAT_MILLIS;
        } catch (NumberFormatException e) {
            reply(exchange, 400, current.documents().error("INVALID_REQUEST", "not a number: " + e.getMessage()));
            return;
        }
        if (count < 1 || count > bufferSize || (interval != null && interval < 0) || heartbeat < 1) {
            reply(exchange, 400, current.documents().error("INVALID_REQUEST",
                    "count must be 1.." + bufferSize + ", interval >= 0 and heartbeat >= 1"));
            return;
        }
        if (from < window.firstSequence() || from > window.nextSequence()) {
            reply(exchange, 400, current.documents().error("OUT_OF_RANGE", "'from' must be greater than or equal to "
                    + window.firstSequence() + " and less than or equal to " + window.nextSequence() + "."));
            return;
        }
        if (interval == null) {
            reply(exchange, 200, current.documents().streams(current.buffer().since(from, count)));
            return;
        }
        new SampleStream(current, () -> instance, controls, count, interval, heartbeat).serve(exchange, from);
    }

    private static void reply(HttpExchange exchange, int status, byte[] document) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        exchange.sendResponseHeaders(status, document.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(document);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
