package org.openfactory.ingestion.southbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.opcua.OpcUaConnector;
import org.openfactory.ingestion.northbound.opcua.OpcUaConnectorSettings;
import org.openfactory.ingestion.testsupport.CollectingSink;
import org.openfactory.ingestion.testsupport.Ports;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.simulator.opcua.TemperatureControllerServer;

/** The shipped examples/assets/tc-1.yaml, as is (but for the port), against the simulated controller. */
@Timeout(60)
class ExampleAssetCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CollectingSink sink = new CollectingSink(WAIT);
    private final int port = Ports.free();
    private final TemperatureControllerServer device =
            new TemperatureControllerServer("127.0.0.1", port, Duration.ofMillis(100), 3L);
    private OpcUaConnector connector;

    @AfterEach
    void tearDown() {
        if (connector != null) {
            connector.close();
        }
        device.close();
    }

    @Test
    void theExampleConditionAndMethodsWork() throws Exception {
        Path file = Path.of("..", "examples", "assets", "tc-1.yaml");
        AssetDefinition asset = AssetFileLoader.withDefaults().readText(file, Files.readString(file)
                .replace("opc.tcp://127.0.0.1:4840/openfactory", "opc.tcp://127.0.0.1:" + port + "/openfactory"));
        device.start();
        connector = new OpcUaConnector(asset, URI.create("urn:openfactory:connector:opcua:tc-1"), sink,
                OpcUaConnectorSettings.defaults().withRequestTimeout(Duration.ofSeconds(3)));
        connector.start();

        device.forceTemperature(95.0);
        sink.await(s -> s.dataItemId().equals("highTemperature")
                && ((Value.Condition) s.value()).level() == ConditionLevel.FAULT);
        sink.await(s -> s.dataItemId().equals("alarm") && s.value().equals(new Value.Bool(true)));

        assertEquals(List.of(new Value.Text("AUTO")), call(asset, "setMode", new Value.Text("MANUAL")));
        sink.await(s -> s.dataItemId().equals("mode") && s.value().equals(new Value.Text("MANUAL")));
        assertEquals(List.of(), call(asset, "resetAlarm"));
        assertEquals(List.of(), call(asset, "setpoint", new Value.Number(90.0)));
        sink.await(s -> s.dataItemId().equals("setpoint") && s.value().equals(new Value.Number(90.0)));
    }

    private List<Value> call(AssetDefinition asset, String item, Value... arguments) throws Exception {
        return connector.execute(new DeviceCommand("c-" + item, asset, asset.dataItem(item).orElseThrow(),
                List.of(arguments))).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
