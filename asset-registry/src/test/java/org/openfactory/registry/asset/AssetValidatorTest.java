package org.openfactory.registry.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;

/** The rules on definitions built in code (e.g. by an API), with field paths. */
class AssetValidatorTest {

    private static final OpcUaConnection OPCUA = new OpcUaConnection("opc.tcp://127.0.0.1:4840/openfactory");

    @Test
    void aValidDefinitionHasNoViolations() {
        assertEquals(List.of(), AssetValidator.validate(asset(OPCUA, List.of(
                new DataItemDefinition("t", Category.SAMPLE, ValueType.DOUBLE, "C", new Limits(0.0, null), true,
                        OpcUaSource.node("ns=2;s=T")))), UnsTemplate.DEFAULT));
    }

    @Test
    void aMappingOfAnotherConnectorTypeIsNamed() {
        List<Violation> violations = AssetValidator.validate(asset(OPCUA, List.of(
                new DataItemDefinition("t", Category.SAMPLE, ValueType.DOUBLE, null, false,
                        new MtConnectSource("Xact")))), UnsTemplate.DEFAULT);
        assertEquals(List.of("dataItems[0].mtconnect"), violations.stream().map(Violation::fieldPath).toList());
        assertEquals("a 'mtconnect' mapping, but the asset's connector type is 'opcua'", violations.get(0).message());
    }

    @Test
    void connectionsAreChecked() {
        List<Violation> violations = AssetValidator.validate(asset(
                new MqttConnection("mqtt://broker", MqttConnection.Format.JSON),
                List.of(new DataItemDefinition("t", Category.SAMPLE, ValueType.DOUBLE, null, false,
                        new MqttSource("a/b", "no-slash")))), UnsTemplate.DEFAULT);
        assertEquals(List.of("connector.broker", "dataItems[0].mqtt.jsonPointer"),
                violations.stream().map(Violation::fieldPath).toList());
    }

    @Test
    void mqttWritesAndMethodsNeedACommandTopic() {
        MqttConnection mqtt = new MqttConnection("tcp://127.0.0.1:1883", MqttConnection.Format.CLOUDEVENTS);
        assertEquals(List.of(), AssetValidator.validate(asset(mqtt, List.of(
                new DataItemDefinition("relay", Category.EVENT, ValueType.BOOLEAN, null, true,
                        new MqttSource("m/relay", null, "m/relay/set")),
                new DataItemDefinition("reset", Category.METHOD, ValueType.BOOLEAN, null, false,
                        new MqttSource(null, null, "m/reset")))), UnsTemplate.DEFAULT));

        List<Violation> violations = AssetValidator.validate(asset(
                new MqttConnection("tcp://127.0.0.1:1883", MqttConnection.Format.JSON, "a b"), List.of(
                        new DataItemDefinition("relay", Category.EVENT, ValueType.BOOLEAN, null, true,
                                new MqttSource("m/relay", null)),
                        new DataItemDefinition("reset", Category.METHOD, ValueType.BOOLEAN, null, false,
                                new MqttSource("m/reset", null)))), UnsTemplate.DEFAULT);
        assertEquals(List.of("connector.shareGroup", "dataItems[0].mqtt.commandTopic",
                        "dataItems[1].mqtt.commandTopic", "dataItems[1].mqtt.topic"),
                violations.stream().map(Violation::fieldPath).toList());
    }

    @Test
    void aConditionCannotBeWritable() {
        List<Violation> violations = AssetValidator.validate(asset(OPCUA, List.of(
                new DataItemDefinition("c", Category.CONDITION, ValueType.CONDITION, null, true,
                        OpcUaSource.node("ns=2;s=C")))), UnsTemplate.DEFAULT);
        assertEquals(List.of(Violation.at("a CONDITION data item cannot be writable", "dataItems", 0, "writable")),
                violations);
    }

    @Test
    void opcUaSecurityCombinationsAreChecked() {
        List<DataItemDefinition> items = List.of(new DataItemDefinition("t", Category.SAMPLE, ValueType.DOUBLE, null,
                false, OpcUaSource.node("ns=2;s=T")));
        String endpoint = "opc.tcp://127.0.0.1:4840/openfactory";
        var signedWithoutPolicy = new OpcUaConnection(endpoint, OpcUaConnection.SecurityPolicy.NONE,
                OpcUaConnection.SecurityMode.SIGN, OpcUaAuth.ANONYMOUS);
        var policyWithoutSigning = new OpcUaConnection(endpoint, OpcUaConnection.SecurityPolicy.BASIC256SHA256,
                OpcUaConnection.SecurityMode.NONE, new OpcUaAuth.UserPassword("op", "not a name"));
        var valid = new OpcUaConnection(endpoint, OpcUaConnection.SecurityPolicy.BASIC256SHA256,
                OpcUaConnection.SecurityMode.SIGN, new OpcUaAuth.UserCertificate("/etc/u.pem", "/etc/u.key"));
        assertEquals(List.of("connector.securityMode"), AssetValidator.validate(asset(signedWithoutPolicy, items),
                UnsTemplate.DEFAULT).stream().map(Violation::fieldPath).toList());
        assertEquals(List.of("connector.securityMode", "connector.auth.passwordEnv"), AssetValidator.validate(
                asset(policyWithoutSigning, items), UnsTemplate.DEFAULT).stream().map(Violation::fieldPath).toList());
        assertEquals(List.of(), AssetValidator.validate(asset(valid, items), UnsTemplate.DEFAULT));
    }

    private static AssetDefinition asset(ConnectorBinding connector, List<DataItemDefinition> items) {
        return new AssetDefinition("a-1", "acme/p/a/l/c/a-1", "Thing", connector, items);
    }
}
