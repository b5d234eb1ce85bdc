package org.openfactory.ingestion.southbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.mqtt.BadPayloadException;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.MqttConnection;
import org.openfactory.registry.asset.MqttSource;

/** The request a device receives and the answers it may give. */
class CommandMessageTest {

    private static final DataItemDefinition INTERVAL = new DataItemDefinition("interval", Category.EVENT,
            ValueType.INTEGER, null, null, true, new MqttSource("m/interval", null, "m/interval/set"));
    private static final DataItemDefinition CALIBRATE = new DataItemDefinition("calibrate", Category.METHOD,
            ValueType.DOUBLE, null, false, new MqttSource(null, null, "m/calibrate"));
    private static final AssetDefinition ASSET = new AssetDefinition("m-1", "a/b/c/d/e/m-1", "Meter",
            new MqttConnection("tcp://127.0.0.1:1883", MqttConnection.Format.CLOUDEVENTS), List.of(INTERVAL,
            CALIBRATE));
    private static final URI SOURCE = URI.create("/openfactory/a/mqtt/m-1");
    private static final Instant NOW = Instant.parse("2025-02-03T04:05:06Z");

    @Test
    void aCloudEventsWriteCarriesTheValueAsDataAndTheRequestResponseProperties() {
        MqttMessage m = CommandMessage.of(MqttConnection.Format.CLOUDEVENTS,
                new DeviceCommand("corr-1", ASSET, INTERVAL, List.of(new Value.Integer(250))), SOURCE, NOW,
                "openfactory/responses/c");
        assertEquals("250", text(m));
        assertEquals(1, m.getQos());
        assertEquals("openfactory/responses/c", m.getProperties().getResponseTopic());
        assertEquals("corr-1", new String(m.getProperties().getCorrelationData(), StandardCharsets.UTF_8));
        assertEquals("application/json", m.getProperties().getContentType());
        Map<String, String> attributes = m.getProperties().getUserProperties().stream()
                .collect(Collectors.toMap(UserProperty::getKey, UserProperty::getValue));
        assertEquals(Map.of("specversion", "1.0", "id", "corr-1", "source", SOURCE.toString(),
                "type", CommandMessage.WRITE_TYPE, "subject", "m-1/interval", "time", NOW.toString()), attributes);
    }

    @Test
    void plainJsonWrapsAWriteAndSendsAMethodsArgumentsAsAnArray() {
        assertEquals("{\"value\":250}", text(CommandMessage.of(MqttConnection.Format.JSON,
                new DeviceCommand("c", ASSET, INTERVAL, List.of(new Value.Integer(250))), SOURCE, NOW, "r")));
        MqttMessage call = CommandMessage.of(MqttConnection.Format.JSON, new DeviceCommand("c", ASSET, CALIBRATE,
                List.of(new Value.Number(1.5), new Value.Text("fine"))), SOURCE, NOW, "r");
        assertEquals("[1.5,\"fine\"]", text(call));
        assertTrue(call.getProperties().getUserProperties().isEmpty(), "no CloudEvents attributes in plain JSON");
        MqttMessage ceCall = CommandMessage.of(MqttConnection.Format.CLOUDEVENTS, new DeviceCommand("c", ASSET,
                CALIBRATE, List.of()), SOURCE, NOW, "r");
        assertEquals("[]", text(ceCall));
        assertTrue(ceCall.getProperties().getUserProperties().contains(
                new UserProperty("type", CommandMessage.CALL_TYPE)));
    }

    @Test
    void answersAreOkWithOptionalOutputsOrAnErrorWithAReason() throws Exception {
        DeviceResponse ok = DeviceResponse.parse(bytes("{\"status\":\"ok\"}"));
        assertTrue(ok.ok());
        assertEquals(List.of(), ok.outputsAs(ValueType.DOUBLE));
        assertEquals(List.of(new Value.Number(3.0), new Value.Number(1.25)),
                DeviceResponse.parse(bytes("{\"status\":\"ok\",\"outputs\":[3,1.25]}")).outputsAs(ValueType.DOUBLE));
        DeviceResponse error = DeviceResponse.parse(bytes("{\"status\":\"error\",\"reason\":\"busy\"}"));
        assertEquals(false, error.ok());
        assertEquals("busy", error.reason());
        assertEquals("the device gave no reason", DeviceResponse.parse(bytes("{\"status\":\"error\"}")).reason());

        for (String bad : List.of("ok", "[]", "{\"status\":\"done\"}", "{\"status\":\"ok\",\"outputs\":1}")) {
            assertThrows(BadPayloadException.class, () -> DeviceResponse.parse(bytes(bad)), bad);
        }
        BadPayloadException e = assertThrows(BadPayloadException.class, () -> DeviceResponse
                .parse(bytes("{\"status\":\"ok\",\"outputs\":[\"x\"]}")).outputsAs(ValueType.DOUBLE));
        assertEquals("output 0: \"x\" (string) is not a DOUBLE value", e.getMessage());
    }

    private static String text(MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
