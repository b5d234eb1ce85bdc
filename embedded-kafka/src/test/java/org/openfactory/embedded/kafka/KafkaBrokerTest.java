package org.openfactory.embedded.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    /** Keeps the test console readable; held strongly because JUL forgets levels of collected loggers. */
    private static final List<java.util.logging.Logger> QUIET = new ArrayList<>();

    private static final String TOPIC = "machine-events";
    private static final int COUNT = 100;

    @BeforeAll
    static void quietKafkaLogs() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.WARNING);
            QUIET.add(logger);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void recordsSurviveARestartOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
        List<String> written = new ArrayList<>();
        long t0 = System.nanoTime();
        try (KafkaBroker kafka = KafkaBroker.startOnFreePorts(dataDir)) {
            System.out.printf("in-process first start (format + start + ready): %d ms%n", millisSince(t0));
            assertEquals("127.0.0.1:" + kafka.port(), kafka.bootstrapServers());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                for (int i = 0; i < COUNT; i++) {
                    String value = "reading-" + i;
                    written.add(value);
                    producer.send(new ProducerRecord<>(TOPIC, "asset-" + (i % 7), value));
                }
                producer.flush();
            }
            assertEquals(written, consumeAll(kafka.bootstrapServers(), TOPIC, COUNT));
        }

        long t1 = System.nanoTime();
        try (KafkaBroker kafka = KafkaBroker.startOnFreePorts(dataDir)) {
            System.out.printf("in-process restart on the same data dir: %d ms%n", millisSince(t1));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC));
            }
            assertEquals(written, consumeAll(kafka.bootstrapServers(), TOPIC, COUNT));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aTakenPortGivesAClearError(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            KafkaBroker.KafkaBrokerStartException e = assertThrows(KafkaBroker.KafkaBrokerStartException.class,
                    () -> KafkaBroker.start(dataDir, port).close());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void brokerMainRunsInItsOwnJvmAndStopsOnSigterm(@TempDir Path tmp) throws Exception {
        int port = KafkaBroker.freePort();
        int controllerPort = KafkaBroker.freePort();
        assertNotEquals(port, controllerPort);
        Path stderr = tmp.resolve("broker.err");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(),
                "--data-dir", tmp.resolve("kafka").toString(),
                "--port", Integer.toString(port),
                "--controller-port", Integer.toString(controllerPort))
                .redirectError(stderr.toFile());
        long t0 = System.nanoTime();
        Process process = pb.start();
        try {
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            List<String> allLines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        allLines.add(line);
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "broker-stdout");
            reader.setDaemon(true);
            reader.start();

            String expected = "Kafka broker ready on 127.0.0.1:" + port;
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (!expected.equals(line)) {
                fail("expected ready line '" + expected + "', got '" + line + "' (alive " + process.isAlive()
                        + "); stderr:\n" + tail(stderr));
            }
            System.out.printf("own JVM: ready line after %d ms (JVM start included)%n", millisSince(t0));

            String bootstrap = "127.0.0.1:" + port;
            String topic = "one";
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                producer.send(new ProducerRecord<>(topic, "k", "hello")).get(30, TimeUnit.SECONDS);
            }
            assertEquals(List.of("hello"), consumeAll(bootstrap, topic, 1));

            long t1 = System.nanoTime();
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "broker JVM still running 30 s after SIGTERM");
            System.out.printf("own JVM: exited %d ms after SIGTERM, exit code %d%n", millisSince(t1), process.exitValue());
            reader.join(5000);
            assertEquals(List.of(expected), allLines, "stdout must hold only the ready line");
            assertPortFree(port);
            assertPortFree(controllerPort);
            assertTrue(Files.exists(tmp.resolve("kafka").resolve(KraftConfig.LOG_DIR_NAME).resolve("meta.properties")));
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Reads {@code expected} values from the start of the topic with a fresh consumer group. */
    private static List<String> consumeAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static void assertPortFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, socket.getLocalPort());
        }
    }

    private static String tail(Path file) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
