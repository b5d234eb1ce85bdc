package org.openfactory.simulator.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The meter on a real Mosquitto, seen by a plain MQTT v5 client. */
@Timeout(30)
class EnergyMeterSimulatorTest {

    private final String prefix = "test/" + UUID.randomUUID() + "/meter-1";
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private EnergyMeterSimulator meter;
    private MqttClient observer;

    record Received(String topic, MqttMessage message) {
        String text() {
            return new String(message.getPayload(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        String broker = MosquittoBroker.sharedUrl();
        observer = new MqttClient(broker, "observer-" + UUID.randomUUID(), new MemoryPersistence());
        observer.setCallback(new Collector());
        observer.connect(new MqttConnectionOptions());
        observer.subscribe(prefix + "/#", 1);
        observer.subscribe("test-replies/" + prefix, 1);
        meter = new EnergyMeterSimulator(broker, prefix, 100, 3L);
        meter.start();
    }

    @AfterEach
    void tearDown() throws MqttException {
        meter.close();
        observer.disconnect();
        observer.close();
    }

    @Test
    void publishesCloudEventsInBinaryModeToUnsTopics() throws InterruptedException {
        Instant started = Instant.now();
        Received power = next(prefix + "/" + EnergyMeterSimulator.POWER);
        Map<String, String> attributes = CloudEventsBinary.attributes(power.message().getProperties());
        assertEquals("1.0", attributes.get("specversion"));
        assertNotNull(attributes.get("id"));
        assertEquals("/simulator/energy-meter/" + prefix, attributes.get("source"));
        assertEquals(EnergyMeterSimulator.EVENT_TYPE, attributes.get("type"));
        assertEquals("power", attributes.get("subject"));
        assertFalse(Instant.parse(attributes.get("time")).isBefore(started.minusSeconds(1)));
        assertEquals("application/json", power.message().getProperties().getContentType());
        assertEquals(1, power.message().getQos());
        assertTrue(MiniJson.parse(power.text()) instanceof Double, power.text());
        assertEquals("\"RUNNING\"", next(prefix + "/" + EnergyMeterSimulator.STATUS).text().replace("HIGH_LOAD",
                "RUNNING"));
        assertEquals("true", next(prefix + "/" + EnergyMeterSimulator.RELAY).text());
        assertEquals("100", next(prefix + "/" + EnergyMeterSimulator.REPORTING_INTERVAL).text());
    }

    @Test
    void answersCommandsOnTheResponseTopicWithTheCorrelationData() throws Exception {
        next(prefix + "/" + EnergyMeterSimulator.POWER); // connected and subscribed

        assertEquals("{\"status\":\"ok\"}", request(EnergyMeterSimulator.RELAY, "false", "c-1").text());
        assertFalse(meter.relay());
        Received off;
        do {
            off = next(prefix + "/" + EnergyMeterSimulator.POWER);
        } while (!off.text().equals("0.0"));

        Received refused = request(EnergyMeterSimulator.REPORTING_INTERVAL, "5", "c-2");
        assertEquals("{\"status\":\"error\",\"reason\":\"reportingIntervalMs must be between 100 and 60000 ms, "
                + "not 5\"}", refused.text());
        assertEquals(100, meter.reportingIntervalMs());

        double before = meter.energyKwh();
        Received reset = request(EnergyMeterSimulator.RESET_ENERGY, "[]", "c-3");
        assertTrue(reset.text().startsWith("{\"status\":\"ok\",\"outputs\":["), reset.text());
        double output = (Double) ((java.util.List<?>) ((Map<?, ?>) MiniJson.parse(reset.text())).get("outputs"))
                .get(0);
        assertEquals(before, output, 0.01);
        assertEquals(0.0, meter.energyKwh(), 0.01);
    }

    private Received request(String item, String data, String correlation) throws Exception {
        MqttProperties properties = CloudEventsBinary.properties("/test", "test.command", item, Instant.now());
        properties.setResponseTopic("test-replies/" + prefix);
        properties.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        observer.publish(meter.commandTopic(item), new MqttMessage(data.getBytes(StandardCharsets.UTF_8), 1, false,
                properties));
        Received reply = next("test-replies/" + prefix);
        assertEquals(correlation, new String(reply.message().getProperties().getCorrelationData(),
                StandardCharsets.UTF_8));
        return reply;
    }

    private Received next(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Received r = received.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.topic().equals(topic)) {
                return r;
            }
        }
        throw new AssertionError("nothing on " + topic);
    }

    private final class Collector implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new Received(topic, message));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
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
