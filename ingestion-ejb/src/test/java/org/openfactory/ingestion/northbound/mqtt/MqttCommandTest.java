package org.openfactory.ingestion.northbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.POWER;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.RELAY;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.REPORTING_INTERVAL;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.RESET_ENERGY;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.MqttSource;
import org.openfactory.simulator.mqtt.EnergyMeterSimulator;
import org.openfactory.simulator.mqtt.EnvironmentSensorSimulator;
import org.openfactory.simulator.mqtt.MosquittoBroker;

/** Southbound: commands through the connector to the simulated devices and their answers, on a real Mosquitto. */
@Timeout(60)
class MqttCommandTest {

    private final CollectingSink sink = new CollectingSink();
    private final String prefix = MqttFixtures.uniquePrefix("meter-1");
    private String broker;
    private EnergyMeterSimulator meter;
    private AssetDefinition asset;
    private MqttConnector connector;

    @BeforeEach
    void setUp() throws IOException {
        broker = MosquittoBroker.sharedUrl();
        asset = MqttFixtures.meter(broker, prefix);
        meter = new EnergyMeterSimulator(broker, prefix, 200, 1L);
        meter.start();
        Await.until(meter::isConnected, "meter connected");
    }

    @AfterEach
    void tearDown() {
        if (connector != null) {
            connector.close();
        }
        meter.close();
    }

    @Test
    void aWriteTheDeviceAcceptsCompletesAndTheNewStateFlowsBack() throws Exception {
        connect(MqttFixtures.settings());

        assertEquals(List.of(), get(connector.execute(write(RELAY, new Value.Bool(false)))));
        assertFalse(meter.relay());
        sink.await(s -> s.dataItemId().equals(RELAY) && s.value().equals(new Value.Bool(false)));
        sink.await(s -> s.dataItemId().equals(POWER) && s.value().equals(new Value.Number(0.0)));

        assertEquals(List.of(), get(connector.execute(write(REPORTING_INTERVAL, new Value.Integer(300)))));
        assertEquals(300, meter.reportingIntervalMs());
        sink.await(s -> s.dataItemId().equals(REPORTING_INTERVAL) && s.value().equals(new Value.Integer(300)));
    }

    @Test
    void aWriteTheDeviceRefusesFailsWithItsReason() {
        connect(MqttFixtures.settings());
        CommandRejectedException e = rejected(connector.execute(write(REPORTING_INTERVAL, new Value.Integer(5))));
        assertEquals(FailureCode.DEVICE_ERROR, e.code());
        assertTrue(e.getMessage().contains("asset meter-1")
                && e.getMessage().contains("reportingIntervalMs must be between 100 and 60000 ms, not 5")
                && e.getMessage().contains(prefix + "/reportingIntervalMs/set"), e.getMessage());
        assertEquals(200, meter.reportingIntervalMs());
    }

    @Test
    void aMethodCallPublishesItsArgumentsAndCompletesWithTheOutputs() throws Exception {
        connect(MqttFixtures.settings());
        sink.await(EnergyMeterSimulator.ENERGY);
        double before = meter.energyKwh();

        List<Value> outputs = get(connector.execute(new DeviceCommand(UUID.randomUUID().toString(), asset,
                asset.dataItem(RESET_ENERGY).orElseThrow(), List.of())));

        assertEquals(1, outputs.size());
        assertInstanceOf(Value.Number.class, outputs.get(0), "typed as the METHOD's valueType DOUBLE");
        assertEquals(before, ((Value.Number) outputs.get(0)).value(), 0.05);
        assertTrue(meter.energyKwh() < 0.1, "counter reset");

        CommandRejectedException e = rejected(connector.execute(new DeviceCommand(UUID.randomUUID().toString(),
                asset, asset.dataItem(RESET_ENERGY).orElseThrow(), List.of(new Value.Integer(1)))));
        assertTrue(e.getMessage().contains("resetEnergy takes no arguments, got [1]"), e.getMessage());
    }

    @Test
    void aPlainJsonWriteReachesTheJsonDevice() throws Exception {
        String sensorPrefix = MqttFixtures.uniquePrefix("env-1");
        AssetDefinition env = MqttFixtures.environmentSensor(broker, sensorPrefix);
        try (EnvironmentSensorSimulator sensor = new EnvironmentSensorSimulator(broker, sensorPrefix, 100, 2L)) {
            sensor.start();
            Await.until(sensor::isConnected, "sensor connected");
            connector = MqttFixtures.connector(env, sink, MqttFixtures.settings());
            connector.start();
            Await.until(connector::isConnected, "connector connected");

            get(connector.execute(new DeviceCommand("fan-on", env, env.dataItem("fan").orElseThrow(),
                    List.of(new Value.Bool(true)))));
            assertTrue(sensor.fan());
            sink.await(s -> s.dataItemId().equals("fan") && s.value().equals(new Value.Bool(true)));
        }
    }

    @Test
    void aCommandNobodyAnswersFailsAfterTheTimeout() {
        AssetDefinition silent = withItem(new DataItemDefinition("valve", Category.EVENT, ValueType.BOOLEAN, null,
                null, true, new MqttSource(prefix + "/valve", null, prefix + "/valve/set")));
        asset = silent;
        connect(MqttFixtures.settings().withCommandTimeout(Duration.ofMillis(700)));

        long started = System.nanoTime();
        CommandRejectedException e = rejected(connector.execute(write("valve", new Value.Bool(true))));
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertEquals(FailureCode.DEVICE_ERROR, e.code());
        assertTrue(e.getMessage().contains("no response within 700 ms") && e.getMessage().contains("valve"),
                e.getMessage());
        assertTrue(tookMs >= 650 && tookMs < 5_000, "took " + tookMs + " ms");
        assertTrue(connector.isConnected(), "a silent device does not break the connection");
    }

    @Test
    void withoutABrokerACommandFailsAtOnceAsNotConnected() throws IOException {
        int nothingThere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingThere = socket.getLocalPort();
        }
        AssetDefinition unreachable = MqttFixtures.meter("tcp://127.0.0.1:" + nothingThere, prefix);
        connector = MqttFixtures.connector(unreachable, sink, MqttFixtures.settings());
        connector.start();
        CommandRejectedException e = rejected(connector.execute(new DeviceCommand("c-1", unreachable,
                unreachable.dataItem(RELAY).orElseThrow(), List.of(new Value.Bool(true)))));
        assertEquals(FailureCode.NOT_CONNECTED, e.code());
        assertTrue(e.getMessage().contains("meter-1") && e.getMessage().contains(String.valueOf(nothingThere)),
                e.getMessage());
    }

    @Test
    void closingFailsTheCommandsStillWaitingAsOutcomeUnknown() {
        asset = withItem(new DataItemDefinition("valve", Category.EVENT, ValueType.BOOLEAN, null, null, true,
                new MqttSource(prefix + "/valve", null, prefix + "/valve/set")));
        connect(MqttFixtures.settings().withCommandTimeout(Duration.ofSeconds(30)));
        CompletionStage<List<Value>> waiting = connector.execute(write("valve", new Value.Bool(true)));

        connector.close();
        connector.close();

        CommandRejectedException e = rejected(waiting);
        assertEquals(FailureCode.OUTCOME_UNKNOWN, e.code());
        assertEquals(FailureCode.NOT_CONNECTED, rejected(connector.execute(write(RELAY, new Value.Bool(true))))
                .code());
    }

    private void connect(MqttConnectorSettings settings) {
        connector = MqttFixtures.connector(asset, sink, settings);
        connector.start();
        Await.until(connector::isConnected, "connector connected");
    }

    private AssetDefinition withItem(DataItemDefinition extra) {
        var items = new java.util.ArrayList<>(asset.dataItems());
        items.add(extra);
        return new AssetDefinition(asset.id(), asset.unsPath(), asset.type(), asset.connector(), items);
    }

    private DeviceCommand write(String item, Value value) {
        return new DeviceCommand(UUID.randomUUID().toString(), asset, asset.dataItem(item).orElseThrow(),
                List.of(value));
    }

    private static List<Value> get(CompletionStage<List<Value>> result) throws Exception {
        return result.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CommandRejectedException rejected(CompletionStage<List<Value>> result) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> result.toCompletableFuture().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(CommandRejectedException.class, e.getCause());
    }
}
