package org.openfactory.ingestion.northbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openfactory.ingestion.northbound.mqtt.MqttFixtures.SOURCE;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.ENERGY;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.POWER;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.RELAY;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.REPORTING_INTERVAL;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.STATUS;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.VOLTAGE;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.testsupport.LogCapture;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.simulator.mqtt.EnergyMeterSimulator;
import org.openfactory.simulator.mqtt.EnvironmentSensorSimulator;
import org.openfactory.simulator.mqtt.MosquittoBroker;

/** Northbound, against a real Mosquitto and the simulated devices, each test on topics of its own. */
@Timeout(60)
class MqttConnectorTest {

    private final CollectingSink sink = new CollectingSink();
    private final LogCapture log = new LogCapture("org.openfactory.ingestion.northbound.mqtt");
    private final String prefix = MqttFixtures.uniquePrefix("meter-1");
    private String broker;
    private EnergyMeterSimulator meter;
    private EnvironmentSensorSimulator sensor;
    private MqttConnector connector;
    private RawPublisher raw;

    @BeforeEach
    void setUp() throws Exception {
        broker = MosquittoBroker.sharedUrl();
        raw = new RawPublisher(broker);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (meter != null) {
            meter.close();
        }
        if (sensor != null) {
            sensor.close();
        }
        raw.close();
        log.close();
    }

    @Test
    void theMetersCloudEventsBecomeTypedSamplesAtTheDeviceTime() {
        Instant started = Instant.now();
        connector = MqttFixtures.connector(MqttFixtures.meter(broker, prefix), sink, MqttFixtures.settings());
        connector.start();
        Await.until(connector::isConnected, "connected");
        meter = new EnergyMeterSimulator(broker, prefix, 100, 5L);
        meter.start();

        SampleObserved power = sink.await(POWER);
        assertEquals("meter-1", power.assetId());
        assertEquals(Category.SAMPLE, power.category());
        assertEquals("KILOWATT", power.units());
        assertTrue(power.value() instanceof Value.Number n && n.value() > 0, power.toString());
        assertFalse(power.observedAt().isBefore(started.minusSeconds(1)), power.observedAt().toString());
        assertTrue(sink.await(ENERGY).value() instanceof Value.Number);
        assertTrue(sink.await(VOLTAGE).value() instanceof Value.Number);
        assertTrue(Set.of(new Value.Text("RUNNING"), new Value.Text("HIGH_LOAD"))
                .contains(sink.await(STATUS).value()));
        assertEquals(new Value.Bool(true), sink.await(RELAY).value());
        assertEquals(new Value.Integer(100), sink.await(REPORTING_INTERVAL).value());
        assertEquals(Category.EVENT, sink.await(RELAY).category());
        assertTrue(sink.sources().stream().allMatch(SOURCE::equals));

        meter.setRelay(false); // switched at the meter itself
        sink.await(s -> s.dataItemId().equals(STATUS) && s.value().equals(new Value.Text("OFF")));
        sink.await(s -> s.dataItemId().equals(POWER) && s.value().equals(new Value.Number(0.0)));
    }

    @Test
    void theObservationTimeIsTheCloudEventsTimeAndTheDataMayBeAnObjectWithAValue() throws Exception {
        connect(MqttFixtures.meter(broker, prefix));
        Instant deviceTime = Instant.parse("2024-05-01T08:30:00.250Z");

        raw.cloudEvent(prefix + "/power", "{\"value\": 7.25, \"quality\": \"GOOD\"}", deviceTime);
        SampleObserved power = sink.await(POWER);
        assertEquals(new Value.Number(7.25), power.value());
        assertEquals(deviceTime, power.observedAt());

        Map<String, String> noTime = new HashMap<>(RawPublisher.attributes(deviceTime));
        noTime.remove("time");
        Instant before = Instant.now();
        raw.publish(prefix + "/voltage", "399.5", "application/json", noTime);
        SampleObserved voltage = sink.await(VOLTAGE);
        assertEquals(new Value.Number(399.5), voltage.value());
        assertFalse(voltage.observedAt().isBefore(before.truncatedTo(ChronoUnit.MILLIS)),
                "without 'time', the receive time");
    }

    @Test
    void structuredModeCloudEventsAreAcceptedToo() throws Exception {
        connect(MqttFixtures.meter(broker, prefix));
        raw.publish(prefix + "/status", """
                {"specversion": "1.0", "id": "e-1", "source": "/meters/meter-1", "type": "meter.status",
                 "time": "2024-05-01T08:30:00Z", "datacontenttype": "application/json", "data": "RUNNING"}""",
                "application/cloudevents+json; charset=utf-8", Map.of());
        SampleObserved status = sink.await(STATUS);
        assertEquals(new Value.Text("RUNNING"), status.value());
        assertEquals(Instant.parse("2024-05-01T08:30:00Z"), status.observedAt());
    }

    @Test
    void theSensorsPlainJsonIsReadByJsonPointerWithItsTimestamp() throws Exception {
        String sensorPrefix = MqttFixtures.uniquePrefix("env-1");
        connect(MqttFixtures.environmentSensor(broker, sensorPrefix));
        Instant started = Instant.now().minusSeconds(1);
        sensor = new EnvironmentSensorSimulator(broker, sensorPrefix, 100, 9L);
        sensor.start();

        SampleObserved temperature = sink.await("temperature");
        SampleObserved humidity = sink.await("humidity");
        assertTrue(temperature.value() instanceof Value.Number t && t.value() > 15 && t.value() < 30,
                temperature.toString());
        assertTrue(humidity.value() instanceof Value.Number);
        assertEquals("PERCENT", humidity.units());
        assertEquals(new Value.Bool(false), sink.await("fan").value());
        assertEquals(temperature.observedAt(), humidity.observedAt(), "one payload, one timestamp");
        assertFalse(temperature.observedAt().isBefore(started));
        sensor.close();

        raw.json(sensorPrefix + "/telemetry", "{\"temperature\": 19.5, \"time\": 1714552200000}");
        SampleObserved epochMillis = sink.await(s -> s.value().equals(new Value.Number(19.5)));
        assertEquals(Instant.parse("2024-05-01T08:30:00Z"), epochMillis.observedAt(), "'time' in epoch ms");
    }

    @Test
    void withoutAJsonPointerTheWholePayloadIsTheValue() throws Exception {
        String sensorPrefix = MqttFixtures.uniquePrefix("env-1");
        AssetDefinition env = MqttFixtures.environmentSensor(broker, sensorPrefix);
        AssetDefinition wholePayload = new AssetDefinition(env.id(), env.unsPath(), env.type(), env.connector(),
                List.of(new org.openfactory.registry.asset.DataItemDefinition("co2", Category.SAMPLE,
                        org.openfactory.model.value.ValueType.INTEGER, "PPM", false,
                        new org.openfactory.registry.asset.MqttSource(sensorPrefix + "/co2", null))));
        connect(wholePayload);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        raw.json(sensorPrefix + "/co2", "612");
        SampleObserved co2 = sink.await("co2");
        assertEquals(new Value.Integer(612), co2.value());
        assertFalse(co2.observedAt().isBefore(before), "no timestamp: the receive time");
    }

    @Test
    void badMessagesAreLoggedAndSkippedAndTheNextGoodOneIsPublished() throws Exception {
        connect(MqttFixtures.meter(broker, prefix));
        String power = prefix + "/power";
        Instant now = Instant.now();
        Map<String, String> noSource = new HashMap<>(RawPublisher.attributes(now));
        noSource.remove("source");

        List<Fault> faults = List.of(
                new Fault("data not JSON", () -> raw.cloudEvent(power, "kW=12", now)),
                new Fault("a required attribute missing", () -> raw.publish(power, "3.5", "application/json",
                        noSource)),
                new Fault("not a CloudEvent at all", () -> raw.publish(power, "3.5", "application/json", Map.of())),
                new Fault("wrong type", () -> raw.cloudEvent(power, "\"twelve\"", now)),
                new Fault("out of range", () -> raw.cloudEvent(power, "250.0", now)),
                new Fault("object without value", () -> raw.cloudEvent(power, "{\"reading\": 3}", now)));
        double good = 1.0;
        for (Fault fault : faults) {
            fault.publish().run();
            raw.cloudEvent(power, Double.toString(good), now);
            assertEquals(new Value.Number(good), sink.await(POWER).value(), "the good value after: " + fault.name());
            good++;
        }
        assertEquals(faults.size(), sink.all().size(), "only the good values: " + sink.all());
        assertTrue(connector.isConnected());

        String item = "data item power (topic " + power + ")";
        String message = "message on topic " + power + " skipped (data items [power])";
        assertLogged(message, "data is not JSON (kW=12)");
        assertLogged(message, "Attribute 'source' cannot be null");
        assertLogged(message, "no 'specversion' user property");
        assertLogged(item, "\"twelve\" (string) is not a DOUBLE value");
        assertLogged(item, "value 250.0 is outside its limits [0.0, 100.0]");
        assertLogged(item, "without a 'value' field");
    }

    private record Fault(String name, Publish publish) {
    }

    @FunctionalInterface
    private interface Publish {
        void run() throws Exception;
    }

    @Test
    void aBrokenPlainJsonPayloadIsSkippedForEveryItemOnItsTopic() throws Exception {
        String sensorPrefix = MqttFixtures.uniquePrefix("env-1");
        connect(MqttFixtures.environmentSensor(broker, sensorPrefix));
        String telemetry = sensorPrefix + "/telemetry";

        raw.json(telemetry, "{\"temperature\": 21.0, \"humidity\": ");
        raw.json(telemetry, "{\"temperature\": 21.5, \"humidity\": 140, \"fan\": \"yes\", "
                + "\"timestamp\": \"2024-05-01T08:30:00+02:00\"}");
        raw.json(telemetry, "{\"temperature\": 22.0, \"humidity\": 40, \"timestamp\": \"yesterday\"}");
        raw.json(telemetry, "{\"temperature\": 22.5, \"humidity\": 41, \"fan\": true}");

        SampleObserved temperature = sink.await("temperature");
        assertEquals(new Value.Number(21.5), temperature.value(), "the valid item of a partly bad payload");
        assertEquals(Instant.parse("2024-05-01T06:30:00Z"), temperature.observedAt());
        assertEquals(new Value.Number(22.5), sink.await("temperature").value());
        assertEquals(new Value.Number(41.0), sink.await("humidity").value());
        assertEquals(new Value.Bool(true), sink.await("fan").value());
        assertTrue(sink.all().stream().noneMatch(s -> s.value().equals(new Value.Number(140.0))));

        assertLogged("message on topic " + telemetry + " skipped (data items [temperature, humidity, fan])",
                "payload is not JSON");
        assertLogged("data item humidity (topic " + telemetry + ")", "outside its limits");
        assertLogged("data item fan (topic " + telemetry + ")", "\"yes\" (string) is not a BOOLEAN value");
        assertLogged("message on topic " + telemetry, "'timestamp' is neither an RFC 3339 time");
    }

    @Test
    void aRepeatedBadValueWarnsOnceUntilAGoodOneArrives() throws Exception {
        connect(MqttFixtures.meter(broker, prefix));
        String voltage = prefix + "/voltage";
        for (int i = 0; i < 3; i++) {
            raw.cloudEvent(voltage, "-5", Instant.now());
        }
        raw.cloudEvent(voltage, "400", Instant.now());
        sink.await(VOLTAGE);
        raw.cloudEvent(voltage, "-6", Instant.now());
        raw.cloudEvent(voltage, "401", Instant.now());
        sink.await(VOLTAGE);
        assertEquals(2, log.messages(Level.WARNING, "data item voltage").size(),
                log.messages(Level.WARNING, "data item voltage").toString());
        assertEquals(2, log.messages(Level.INFO, "data item voltage (topic " + voltage + ") has valid values again")
                .size());
    }

    private void connect(AssetDefinition asset) {
        connector = MqttFixtures.connector(asset, sink, MqttFixtures.settings());
        connector.start();
        Await.until(connector::isConnected, "connector connected and subscribed");
    }

    private void assertLogged(String where, String cause) {
        List<String> warnings = log.messages(Level.WARNING, where);
        assertTrue(warnings.stream().anyMatch(m -> m.contains("Asset meter-1") || m.contains("Asset env-1")),
                "asset named: " + warnings);
        assertTrue(warnings.stream().anyMatch(m -> m.contains(cause)), "no WARNING with '" + where + "' and '"
                + cause + "' in " + log.messages(Level.WARNING, ""));
    }
}
