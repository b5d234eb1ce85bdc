package org.openfactory.ingestion.northbound.mqtt;

import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.ENERGY;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.POWER;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.RELAY;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.REPORTING_INTERVAL;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.RESET_ENERGY;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.STATUS;
import static org.openfactory.simulator.mqtt.EnergyMeterSimulator.VOLTAGE;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetValidator;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.openfactory.registry.asset.MqttConnection;
import org.openfactory.registry.asset.MqttSource;
import org.openfactory.registry.asset.UnsTemplate;

/** Assets as the example files declare them, on topics of their own per test. */
final class MqttFixtures {

    static final URI SOURCE = URI.create("/openfactory/test/mqtt/meter-1");

    private MqttFixtures() {
    }

    /** A topic prefix no other test (or concurrent build) uses. */
    static String uniquePrefix(String assetId) {
        return "test/" + UUID.randomUUID().toString().substring(0, 13) + "/utilities/line1/cell3/" + assetId;
    }

    static MqttConnectorSettings settings() {
        return MqttConnectorSettings.defaults()
                .withClientId("test-" + UUID.randomUUID())
                .withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1))
                .withSessionExpiry(Duration.ofSeconds(30))
                .withCommandTimeout(Duration.ofSeconds(3));
    }

    static MqttConnector connector(AssetDefinition asset, SampleSink sink, MqttConnectorSettings settings) {
        return new MqttConnector(asset, SOURCE, sink, Clock.systemUTC(), settings);
    }

    /** meter-1 of examples/assets: the simulated energy meter's topics, CloudEvents. */
    static AssetDefinition meter(String broker, String prefix) {
        return meter(broker, prefix, MqttConnection.DEFAULT_SHARE_GROUP);
    }

    static AssetDefinition meter(String broker, String prefix, String shareGroup) {
        return valid(new AssetDefinition("meter-1", "acme/plant1/utilities/line1/cell3/meter-1", "EnergyMeter",
                new MqttConnection(broker, MqttConnection.Format.CLOUDEVENTS, shareGroup), List.of(
                item(POWER, Category.SAMPLE, ValueType.DOUBLE, "KILOWATT", new Limits(0.0, 100.0), prefix, false),
                item(ENERGY, Category.SAMPLE, ValueType.DOUBLE, "KILOWATT_HOUR", new Limits(0.0, null), prefix,
                        false),
                item(VOLTAGE, Category.SAMPLE, ValueType.DOUBLE, "VOLT", new Limits(0.0, 1000.0), prefix, false),
                item(STATUS, Category.EVENT, ValueType.STRING, null, null, prefix, false),
                item(RELAY, Category.EVENT, ValueType.BOOLEAN, null, null, prefix, true),
                item(REPORTING_INTERVAL, Category.EVENT, ValueType.INTEGER, "MILLISECOND", null, prefix, true),
                new DataItemDefinition(RESET_ENERGY, Category.METHOD, ValueType.DOUBLE, "KILOWATT_HOUR", false,
                        new MqttSource(null, null, prefix + "/" + RESET_ENERGY + "/call")))));
    }

    /** env-1 of examples/assets: the simulated environment sensor's one JSON topic. */
    static AssetDefinition environmentSensor(String broker, String prefix) {
        String telemetry = prefix + "/telemetry";
        return valid(new AssetDefinition("env-1", "acme/plant1/utilities/line1/cell3/env-1", "EnvironmentSensor",
                new MqttConnection(broker, MqttConnection.Format.JSON), List.of(
                new DataItemDefinition("temperature", Category.SAMPLE, ValueType.DOUBLE, "CELSIUS",
                        new Limits(-40.0, 85.0), false, new MqttSource(telemetry, "/temperature")),
                new DataItemDefinition("humidity", Category.SAMPLE, ValueType.DOUBLE, "PERCENT",
                        new Limits(0.0, 100.0), false, new MqttSource(telemetry, "/humidity")),
                new DataItemDefinition("fan", Category.EVENT, ValueType.BOOLEAN, null, null, true,
                        new MqttSource(telemetry, "/fan", prefix + "/fan/set")))));
    }

    private static DataItemDefinition item(String id, Category category, ValueType type, String units,
                                           Limits limits, String prefix, boolean writable) {
        return new DataItemDefinition(id, category, type, units, limits, writable,
                new MqttSource(prefix + "/" + id, null, writable ? prefix + "/" + id + "/set" : null));
    }

    /** Test assets obey the same rules as asset files. */
    private static AssetDefinition valid(AssetDefinition asset) {
        var problems = AssetValidator.validate(asset, UnsTemplate.DEFAULT);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid test asset: " + problems);
        }
        return asset;
    }
}
