package org.openfactory.bench.latency;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openfactory.bench.BenchContext;
import org.openfactory.bench.BenchMain;
import org.openfactory.bench.Benchmark;
import org.openfactory.bench.Checks;
import org.openfactory.bench.Figures;
import org.openfactory.bench.Progress;
import org.openfactory.bench.Result;
import org.openfactory.bench.samples.SampleTopic;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.embedded.liberty.LibertyServer;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.model.kafka.Topics;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.log.RegistryClient;
import org.openfactory.simulator.mqtt.EnergyMeterSimulator;

/**
 * Issue 6 item 3: end-to-end latency from a value change on a device to its arrival at a GraphQL subscription
 * client, through every real part: MQTT v5 devices publishing JSON to the machine's Mosquitto, the MQTT connector
 * in the assembled Liberty server, the log (a KRaft broker of its own), the latest-state projection, the
 * {@code dataItemChanged} subscription over WebSocket. Each change carries its send time (microseconds of this
 * JVM's monotonic clock) as its value; the client subtracts it from its own clock on receipt.
 */
public final class EndToEndLatencyBenchmark implements Benchmark {

    public static final String NAME = "latency";
    static final int DEVICES = 10;
    static final int[] RATES = {1_000, 10_000};
    static final Duration WARMUP = Duration.ofSeconds(3);
    static final Duration MEASURED = Duration.ofSeconds(10);
    static final double P99_TARGET_MS = 100;
    private static final String MQTT_BROKER = "tcp://127.0.0.1:1883";

    private final long base = System.nanoTime();
    private final Set<String> seenAssets = ConcurrentHashMap.newKeySet();
    /** Latencies in microseconds of the changes sent from {@link #windowStartMicros}; index by arrival. */
    private volatile long[] latencies = new long[0];
    private final AtomicLong received = new AtomicLong();
    /** Per device, the device time of its last change; only the sending thread uses it. */
    private final Instant[] lastDeviceTime = new Instant[DEVICES];
    private final AtomicLong allNext = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final Map<String, Long> lastByAsset = new ConcurrentHashMap<>();
    private volatile long windowStartMicros = Long.MAX_VALUE;
    private volatile long windowEndMicros = Long.MAX_VALUE;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Result> run(BenchContext context) throws Exception {
        Checks checks = context.checks();
        if (!checks.verify(NAME, "Mosquitto answers at 127.0.0.1:1883", mosquittoUp(), MQTT_BROKER)) {
            return List.of();
        }
        Path wlp = Path.of(System.getProperty("openfactory.wlp.dir", "server-config/target/liberty/wlp"));
        if (!checks.verify(NAME, "the assembled Liberty server exists", Files.isExecutable(wlp.resolve("bin/server")),
                wlp + " (build it: mvn -q -pl server-config -am package -DskipTests)")) {
            return List.of();
        }
        Path dataDir = context.options().dataDir().resolveSibling(context.options().dataDir().getFileName()
                + "-server");
        BenchMain.wipe(dataDir);
        String run = Long.toString(System.currentTimeMillis(), 36);
        String topicPrefix = "openfactory-bench/" + run;
        List<Result> results = new ArrayList<>();
        try (KafkaBroker kafka = KafkaBroker.startOnFreePorts(dataDir.resolve("kafka"))) {
            registerDevices(kafka.bootstrapServers(), dataDir.resolve("assets"), topicPrefix);
            Progress.line(NAME, "starting Liberty (wlp " + wlp + ")");
            try (LibertyServer liberty = LibertyServer.start(wlp, "openfactory",
                    Path.of("bench", "target", "liberty-" + run), freePort(),
                    Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                            "openfactory.historian.enabled", "false"),
                    Duration.ofMinutes(3));
                 Device devices = Device.connect();
                 EnergyMeterSimulator meter = startMeter(topicPrefix);
                 SubscriptionClient client = SubscriptionClient.open(liberty.baseUrl(),
                         "subscription { dataItemChanged(filter: {dataItemIds: [\"v\"]}) { assetId number } }",
                         this::onNext)) {
                Progress.line(NAME, "Liberty ready at " + liberty.baseUrl() + "; waiting for every device's changes");
                awaitEveryDevice(devices.client(), topicPrefix);
                for (int rate : RATES) {
                    results.addAll(measure(checks, devices.client(), client, topicPrefix, rate,
                            kafka.bootstrapServers()));
                }
                results.addAll(new CommandRoundTrip(liberty.baseUrl(), run).measure(checks, meter));
                try {
                    results.addAll(new LibertyMemory(liberty.baseUrl()).measure(checks, liberty,
                            kafka.bootstrapServers(), freePort()));
                } catch (Exception e) {
                    checks.verify(NAME, "memory: the measurement ran", false, e.toString());
                }
            }
        } finally {
            if (!context.options().keepData()) {
                BenchMain.wipe(dataDir);
            }
        }
        return results;
    }

    private List<Result> measure(Checks checks, MqttAsyncClient device, SubscriptionClient client,
                                 String topicPrefix, int rate, String bootstrap) throws Exception {
        String at = " at " + Figures.count(rate) + "/s";
        long expected = (long) rate * MEASURED.toSeconds();
        latencies = new long[(int) (expected * 2 + 1000)];
        received.set(0);
        Progress.line(NAME, "sending" + at + ": " + WARMUP.toSeconds() + " s warm-up, " + MEASURED.toSeconds()
                + " s measured");
        send(device, topicPrefix, rate, WARMUP, false);
        long logBefore = SampleTopic.records(bootstrap, Topics.SAMPLES);
        Sent sent = send(device, topicPrefix, rate, MEASURED, true);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (received.get() < sent.count && System.nanoTime() < deadline && client.ended() == null) {
            Thread.sleep(50);
        }
        Thread.sleep(200); // anything doubled would arrive now
        long got = received.get();
        long onLog = SampleTopic.records(bootstrap, Topics.SAMPLES) - logBefore;
        Progress.line(NAME, "next messages since the subscription opened: " + Figures.count(allNext.get()));
        checks.equal(NAME, "changes that reached the subscriber out of their device's order (so far)" + at, 0,
                outOfOrder.get());
        checks.verify(NAME, "the subscription kept running" + at, client.ended() == null,
                String.valueOf(client.ended()));
        checks.verify(NAME, "every publish was accepted by the MQTT client" + at, sent.failed == 0,
                Figures.count(sent.failed) + " failed");
        checks.equal(NAME, "changes of the measured window that arrived at the subscriber" + at, sent.count, got);
        long[] sorted = Arrays.copyOf(latencies, (int) Math.min(got, latencies.length));
        Arrays.sort(sorted);
        double sentRate = sent.count * 1e9 / sent.nanos;
        List<Result> results = new ArrayList<>();
        String how = Figures.count(sent.count) + " changes, " + DEVICES + " devices";
        results.add(Result.of(NAME, "device changes sent" + at + " (MQTT QoS 0)", sentRate, "changes/s",
                MEASURED.toSeconds() + " s").against(rate, "requested"));
        results.add(Result.of(NAME, "changes appended to the log by the connector" + at, onLog, "events",
                "from the window's start until the end of the wait").against(sent.count, "sent"));
        results.add(Result.of(NAME, "changes received by the subscriber" + at, got, "changes", how)
                .against(sent.count, "sent"));
        if (sorted.length > 0) {
            results.add(Result.of(NAME, "device to subscriber, p50" + at, percentile(sorted, 0.50) / 1e3, "ms", how));
            Result p99 = Result.of(NAME, "device to subscriber, p99" + at, percentile(sorted, 0.99) / 1e3, "ms",
                    how);
            results.add(rate == 10_000 ? p99.against(P99_TARGET_MS, "issue 6 target") : p99);
            results.add(Result.of(NAME, "device to subscriber, max" + at, sorted[sorted.length - 1] / 1e3, "ms",
                    how));
        }
        return results;
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private record Sent(long count, long nanos, long failed) {
    }

    /**
     * Publishes at a steady {@code rate} for {@code duration}, round robin over the devices, each change at its
     * planned instant (late ones go at once, so the average rate holds). Records the window when {@code measured}.
     */
    private Sent send(MqttAsyncClient device, String topicPrefix, int rate, Duration duration, boolean measured) {
        long total = rate * duration.toSeconds();
        long interval = 1_000_000_000L / rate;
        long failed = 0;
        long t0 = System.nanoTime();
        if (measured) {
            windowStartMicros = (t0 - base) / 1000;
            windowEndMicros = Long.MAX_VALUE;
        }
        for (long i = 0; i < total; i++) {
            long planned = t0 + i * interval;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long micros = (System.nanoTime() - base) / 1000;
            try {
                MqttMessage message = new MqttMessage(payload((int) (i % DEVICES), micros), 0, false, null);
                device.publish(topic(topicPrefix, (int) (i % DEVICES)), message);
            } catch (Exception e) {
                failed++;
            }
        }
        long nanos = System.nanoTime() - t0;
        if (measured) {
            windowEndMicros = (System.nanoTime() - base) / 1000;
        }
        return new Sent(total - failed, nanos, failed);
    }

    /**
     * The change: its send time as the value, and a device time that never goes back for a device (the wall clock
     * made strictly increasing, as real devices stamp). A wall clock stepped back on this machine would otherwise
     * make the projection rightly ignore the following changes as older than the state it holds.
     */
    private byte[] payload(int device, long micros) {
        Instant now = Instant.now();
        Instant last = lastDeviceTime[device];
        Instant time = last != null && !now.isAfter(last) ? last.plusNanos(1_000) : now;
        lastDeviceTime[device] = time;
        return ("{\"v\":" + micros + ".0,\"timestamp\":\"" + time + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** On the WebSocket's thread, as each change arrives. */
    private void onNext(JsonNode message) {
        long now = (System.nanoTime() - base) / 1000;
        JsonNode change = message.at("/payload/data/dataItemChanged");
        seenAssets.add(change.path("assetId").asText());
        long sent = (long) change.path("number").asDouble();
        allNext.incrementAndGet();
        Long previous = lastByAsset.put(change.path("assetId").asText(), sent);
        if (previous != null && previous > sent) {
            outOfOrder.incrementAndGet();
        }
        if (sent >= windowStartMicros && sent <= windowEndMicros) {
            long index = received.getAndIncrement();
            long[] into = latencies;
            if (index < into.length) {
                into[(int) index] = now - sent;
            }
        }
    }

    private void awaitEveryDevice(MqttAsyncClient device, String topicPrefix) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (seenAssets.size() < DEVICES) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("after 2 minutes, changes of only " + seenAssets.size() + " of "
                        + DEVICES + " devices reached the subscriber");
            }
            for (int d = 0; d < DEVICES; d++) {
                device.publish(topic(topicPrefix, d),
                        new MqttMessage(payload(d, (System.nanoTime() - base) / 1000), 0, false, null));
            }
            Thread.sleep(250);
        }
    }

    /** The simulated energy meter that takes the commands of {@link CommandRoundTrip}; readings every second. */
    private static EnergyMeterSimulator startMeter(String topicPrefix) {
        EnergyMeterSimulator meter = new EnergyMeterSimulator(MQTT_BROKER, meterPrefix(topicPrefix), 1_000, 1);
        meter.start();
        return meter;
    }

    private static String meterPrefix(String topicPrefix) {
        return topicPrefix + "/" + CommandRoundTrip.ASSET;
    }

    private static String assetId(int device) {
        return String.format("lat-%02d", device);
    }

    private static String topic(String topicPrefix, int device) {
        return topicPrefix + "/" + assetId(device) + "/v";
    }

    /** One asset file per device, JSON format, one DOUBLE data item {@code v}; applied as the CLI does. */
    private static void registerDevices(String bootstrap, Path folder, String topicPrefix) throws IOException {
        Files.createDirectories(folder);
        for (int d = 0; d < DEVICES; d++) {
            String id = assetId(d);
            Files.writeString(folder.resolve(id + ".yaml"), String.join("\n",
                    "apiVersion: openfactory/v1",
                    "kind: Asset",
                    "id: " + id,
                    "unsPath: bench/site1/area1/line1/cell1/" + id,
                    "type: LatencyProbe",
                    "connector:",
                    "  type: mqtt",
                    "  broker: " + MQTT_BROKER,
                    "  format: json",
                    "dataItems:",
                    "  - id: v",
                    "    category: SAMPLE",
                    "    valueType: DOUBLE",
                    "    mqtt: { topic: " + topic(topicPrefix, d) + ", jsonPointer: /v }",
                    ""));
        }
        Files.writeString(folder.resolve(CommandRoundTrip.ASSET + ".yaml"),
                CommandRoundTrip.assetFile(MQTT_BROKER, meterPrefix(topicPrefix)));
        new RegistryClient(bootstrap, URI.create("/openfactory/bench"), Clock.systemUTC(), TopicLayout.singleBroker())
                .apply(AssetFileLoader.withDefaults().readFolderLocated(folder), false, Duration.ofSeconds(60));
    }

    /** The devices' MQTT connection: one client publishes for all of them. */
    private record Device(MqttAsyncClient client) implements AutoCloseable {

        static Device connect() throws Exception {
            MqttAsyncClient client = new MqttAsyncClient(MQTT_BROKER,
                    "openfactory-bench-device-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options).waitForCompletion(10_000);
            return new Device(client);
        }

        @Override
        public void close() throws Exception {
            try {
                client.disconnect().waitForCompletion(5_000);
            } finally {
                client.close();
            }
        }
    }

    private static boolean mosquittoUp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 1883), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
