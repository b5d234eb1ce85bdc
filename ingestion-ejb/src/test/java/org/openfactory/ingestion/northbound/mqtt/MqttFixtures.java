package org.openfactory.ingestion.northbound.mqtt;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.asset.AssetValidator;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.MqttConnection;
import org.openfactory.registry.asset.MqttSource;
import org.openfactory.registry.asset.UnsTemplate;
import org.openfactory.simulator.mqtt.EnergyMeterSimulator;
import org.openfactory.simulator.mqtt.EnvironmentSensorSimulator;

/** The example asset files (examples/assets), on topics of their own per test. */
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

    /** examples/assets/meter-1.yaml with the given broker and topic prefix: the simulated meter, CloudEvents. */
    static AssetDefinition meter(String broker, String prefix) {
        return meter(broker, prefix, MqttConnection.DEFAULT_SHARE_GROUP);
    }

    static AssetDefinition meter(String broker, String prefix, String shareGroup) {
        return example("meter-1.yaml", EnergyMeterSimulator.EXAMPLE_UNS_PATH, broker, prefix, shareGroup);
    }

    /** examples/assets/env-1.yaml with the given broker and topic prefix: the simulated sensor, plain JSON. */
    static AssetDefinition environmentSensor(String broker, String prefix) {
        return example("env-1.yaml", EnvironmentSensorSimulator.EXAMPLE_UNS_PATH, broker, prefix,
                MqttConnection.DEFAULT_SHARE_GROUP);
    }

    /** An example asset file, moved to another broker and topic prefix so tests do not meet each other. */
    private static AssetDefinition example(String file, String examplePrefix, String broker, String prefix,
                                           String shareGroup) {
        AssetDefinition asset = AssetFileLoader.withDefaults().readFile(Path.of("..", "examples", "assets", file));
        MqttConnection connection = (MqttConnection) asset.connector();
        List<DataItemDefinition> items = asset.dataItems().stream().map(item -> {
            MqttSource mqtt = (MqttSource) item.source();
            return new DataItemDefinition(item.id(), item.category(), item.valueType(), item.units(), item.limits(),
                    item.writable(), new MqttSource(moved(mqtt.topic(), examplePrefix, prefix), mqtt.jsonPointer(),
                    moved(mqtt.commandTopic(), examplePrefix, prefix)));
        }).toList();
        return valid(new AssetDefinition(asset.id(), asset.unsPath(), asset.type(), asset.description(),
                new MqttConnection(broker, connection.format(), shareGroup), items));
    }

    private static String moved(String topic, String from, String to) {
        if (topic == null) {
            return null;
        }
        if (!topic.startsWith(from + "/")) {
            throw new IllegalStateException("example topic " + topic + " is not under " + from);
        }
        return to + topic.substring(from.length());
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
