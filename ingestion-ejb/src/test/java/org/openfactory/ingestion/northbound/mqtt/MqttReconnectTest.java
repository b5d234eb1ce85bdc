package org.openfactory.ingestion.northbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.ENERGY;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.POWER;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.RELAY;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.testsupport.LogCapture;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.MqttConnection;
import org.openfactory.simulator.mqtt.EnergyMeterSimulator;
import org.openfactory.simulator.mqtt.MosquittoBroker;

/** Outages on either side: the broker crashes, the device restarts, the platform is away for a while. */
@Timeout(90)
class MqttReconnectTest {

    private final CollectingSink sink = new CollectingSink();
    private final LogCapture log = new LogCapture("org.openfactory.ingestion.northbound.mqtt");
    private final String prefix = MqttFixtures.uniquePrefix("meter-1");
    private MosquittoBroker ownBroker;
    private EnergyMeterSimulator meter;
    private MqttConnector connector;

    @AfterEach
    void tearDown() {
        if (connector != null) {
            connector.close();
        }
        if (meter != null) {
            meter.close();
        }
        if (ownBroker != null) {
            ownBroker.close();
        }
        log.close();
    }

    @Test
    void afterABrokerCrashAndRestartDataFlowsAgainWithoutRestartingTheConnector() throws Exception {
        ownBroker = MosquittoBroker.onFreePort();
        ownBroker.start();
        AssetDefinition asset = MqttFixtures.meter(ownBroker.url(), prefix);
        connector = MqttFixtures.connector(asset, sink, MqttFixtures.settings());
        connector.start();
        meter = new EnergyMeterSimulator(ownBroker.url(), prefix, 100, 4L);
        meter.start();
        sink.await(POWER);
        Await.until(connector::isConnected, "connector reports the connection it receives data on");

        ownBroker.kill(); // SIGKILL: every session and subscription is gone with it
        Await.until(() -> !connector.isConnected(), "connector noticed the broker is gone");
        Thread.sleep(500); // a few failed reconnects, with backoff
        ownBroker.start(); // same port, empty broker
        Await.until(connector::isConnected, "connector reconnected and subscribed again", Duration.ofSeconds(15));

        sink.clear();
        Instant restarted = Instant.now();
        SampleObserved power = sink.await(s -> s.dataItemId().equals(POWER), Duration.ofSeconds(15));
        assertFalse(power.observedAt().isBefore(restarted.minusSeconds(1)), "a fresh reading: " + power);
        sink.await(ENERGY);
        assertFalse(log.messages(Level.WARNING, "connection to MQTT broker " + ownBroker.url() + " lost").isEmpty());

        // commands work on the new connection too (the response topic was subscribed again)
        connector.execute(new DeviceCommand(UUID.randomUUID().toString(), asset, asset.dataItem(RELAY).orElseThrow(),
                List.of(new Value.Bool(false)))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertFalse(meter.relay());
    }

    @Test
    void closeIsPromptAndIdempotentAndStopsEveryThreadItGotWhenTheBrokerIsGone() throws Exception {
        int nothingThere;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            nothingThere = socket.getLocalPort();
        }
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        MqttConnectorSettings settings = MqttFixtures.settings().withThreadFactory(r -> {
            Thread t = new Thread(r, "test-mqtt-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        connector = MqttFixtures.connector(MqttFixtures.meter("tcp://127.0.0.1:" + nothingThere, prefix), sink,
                settings);
        connector.start(); // returns at once although nothing listens
        Await.until(() -> !log.messages(Level.WARNING, "cannot connect to MQTT broker tcp://127.0.0.1:"
                + nothingThere).isEmpty(), "a failed attempt logged");
        Thread.sleep(300); // some retries
        assertFalse(connector.isConnected());

        long started = System.nanoTime();
        connector.close();
        connector.close();
        assertTrue((System.nanoTime() - started) / 1_000_000 < 3_000, "close took too long");
        assertFalse(threads.isEmpty(), "the connector's threads come from the factory");
        for (Thread t : threads) {
            t.join(2_000);
            assertFalse(t.isAlive(), "still running after close: " + t.getName());
        }

        threads.clear(); // and once connected, with Paho's receiver, sender and callback loops running
        connector = MqttFixtures.connector(MqttFixtures.meter(MosquittoBroker.sharedUrl(), prefix), sink, settings);
        connector.start();
        Await.until(connector::isConnected, "connected");
        connector.close();
        assertTrue(threads.size() >= 4, "worker and Paho's loops: " + threads);
        for (Thread t : threads) {
            t.join(2_000);
            assertFalse(t.isAlive(), "still running after close: " + t.getName());
        }
    }

    @Test
    void aRestartedDeviceIsReadAgainAndTheConnectorStaysConnected() throws Exception {
        String broker = MosquittoBroker.sharedUrl();
        connector = MqttFixtures.connector(MqttFixtures.meter(broker, prefix), sink, MqttFixtures.settings());
        connector.start();
        meter = new EnergyMeterSimulator(broker, prefix, 100, 4L);
        meter.start();
        sink.await(POWER);

        meter.close(); // the device goes off mid-stream
        Thread.sleep(300);
        sink.clear();
        meter.setRelay(false); // and comes back in another state
        meter.start();

        sink.await(s -> s.dataItemId().equals(RELAY) && s.value().equals(new Value.Bool(false)));
        sink.await(s -> s.dataItemId().equals(POWER) && s.value().equals(new Value.Number(0.0)));
        assertTrue(connector.isConnected(), "the broker connection never dropped");
        assertTrue(log.messages(Level.WARNING, "lost").isEmpty());
    }

    @Test
    void messagesPublishedWhileThePlatformIsAwayAreDeliveredWhenItComesBack() throws Exception {
        String broker = MosquittoBroker.sharedUrl();
        AssetDefinition asset = MqttFixtures.meter(broker, prefix);
        MqttConnectorSettings settings = MqttFixtures.settings(); // one client id for both runs
        connector = MqttFixtures.connector(asset, sink, settings);
        connector.start();
        Await.until(connector::isConnected, "first run connected");
        connector.close(); // the platform goes away; the broker keeps the session (clean start false, expiry)

        try (RawPublisher device = new RawPublisher(broker)) {
            for (int i = 1; i <= 5; i++) {
                device.cloudEvent(prefix + "/energy", Integer.toString(1000 + i), Instant.now());
            }
        }
        connector = MqttFixtures.connector(asset, sink, settings);
        connector.start();

        for (int i = 1; i <= 5; i++) {
            assertEquals(new Value.Number(1000 + i), sink.await(ENERGY).value(), "queued reading " + i);
        }
        assertFalse(log.messages(Level.INFO, "session resumed").isEmpty());
    }

    @Test
    void aDefinitionChangedBetweenRunsYieldsNoDuplicatesFromTheSubscriptionsLeftInTheSession() throws Exception {
        String broker = MosquittoBroker.sharedUrl();
        MqttConnectorSettings settings = MqttFixtures.settings(); // one client id, so one broker session
        connector = MqttFixtures.connector(MqttFixtures.meter(broker, prefix, "old-group"), sink, settings);
        connector.start();
        Await.until(connector::isConnected, "first definition connected");
        connector.close();

        // the asset file now says shareGroup: none; the session still holds $share/old-group/<topic>
        connector = MqttFixtures.connector(MqttFixtures.meter(broker, prefix, MqttConnection.NO_SHARE_GROUP), sink,
                settings);
        connector.start();
        Await.until(connector::isConnected, "second definition connected");
        assertFalse(log.messages(Level.INFO, "session resumed").isEmpty());
        try (RawPublisher device = new RawPublisher(broker)) {
            for (int i = 1; i <= 5; i++) {
                device.cloudEvent(prefix + "/power", Integer.toString(i), Instant.now());
            }
        }
        for (int i = 1; i <= 5; i++) {
            assertEquals(new Value.Number(i), sink.await(POWER).value());
        }
        Thread.sleep(500); // duplicates would have arrived by now
        assertEquals(5, sink.all().size(), "each reading once: " + sink.all());
    }

    @Test
    void withoutSharingEveryInstanceGetsEveryMessage() throws Exception {
        // the contrast to the shared case of MqttSharedSubscriptionTest: shareGroup none subscribes plainly
        String broker = MosquittoBroker.sharedUrl();
        AssetDefinition asset = MqttFixtures.meter(broker, prefix, MqttConnection.NO_SHARE_GROUP);
        CollectingSink other = new CollectingSink();
        connector = MqttFixtures.connector(asset, sink, MqttFixtures.settings());
        MqttConnector second = MqttFixtures.connector(asset, other, MqttFixtures.settings());
        assertEquals(List.of(prefix + "/status", prefix + "/relay", prefix + "/voltage",
                prefix + "/reportingIntervalMs", prefix + "/power", prefix + "/energy").stream().sorted().toList(),
                connector.subscriptionFilters().stream().sorted().toList());
        try {
            connector.start();
            second.start();
            Await.until(() -> connector.isConnected() && second.isConnected(), "both connected");
            try (RawPublisher device = new RawPublisher(broker)) {
                for (int i = 0; i < 10; i++) {
                    device.cloudEvent(prefix + "/power", Integer.toString(i), Instant.now());
                }
            }
            for (int i = 0; i < 10; i++) {
                double expected = i;
                sink.await(s -> s.value().equals(new Value.Number(expected)));
                other.await(s -> s.value().equals(new Value.Number(expected)));
            }
        } finally {
            second.close();
        }
    }
}
