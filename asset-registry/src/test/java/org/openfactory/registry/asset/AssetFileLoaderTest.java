package org.openfactory.registry.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openfactory.registry.asset.AssetFixtures.MODBUS;
import static org.openfactory.registry.asset.AssetFixtures.MQTT;
import static org.openfactory.registry.asset.AssetFixtures.MTCONNECT;
import static org.openfactory.registry.asset.AssetFixtures.OPCUA;
import static org.openfactory.registry.asset.AssetFixtures.OPCUA_SECURED;
import static org.openfactory.registry.asset.AssetFixtures.lineOf;
import static org.openfactory.registry.asset.AssetFixtures.replace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;

class AssetFileLoaderTest {

    @TempDir
    Path dir;

    // ---- valid files ----

    @Test
    void readsEveryConnectorTypeIntoItsTypedRecords() throws IOException {
        AssetDefinition opcua = AssetFileLoader.load(write("tc-1.yaml", OPCUA));
        assertEquals(new OpcUaConnection("opc.tcp://127.0.0.1:4840/openfactory"), opcua.connector());
        assertEquals("Virtual temperature controller", opcua.description());
        assertEquals(new DataItemDefinition("temperature", Category.SAMPLE, ValueType.DOUBLE, "CELSIUS",
                new Limits(-50.0, 300.0), false,
                new OpcUaSource("ns=2;s=TemperatureController/Temperature", null, null, null, 100, 10, 0.5)),
                opcua.dataItems().get(0));
        assertEquals(OpcUaSource.browse("/Objects/2:TemperatureController/2:Mode"), opcua.dataItems().get(1).source());
        assertEquals(OpcUaSource.method("ns=2;s=TemperatureController", "ns=2;s=TemperatureController/Start"),
                opcua.dataItems().get(2).source());
        assertNull(opcua.dataItems().get(1).limits());

        AssetDefinition modbus = AssetFileLoader.load(write("press-7.yaml", MODBUS));
        assertEquals(new ModbusConnection("10.0.0.7", 5020, ModbusConnection.DEFAULT_UNIT_ID, 250), modbus.connector());
        assertEquals("modbus+tcp://10.0.0.7:5020/1", modbus.connector().endpoint());
        AssetDefinition polledByDefault = AssetFileLoader.load(write("press-8.yaml",
                replace(replace(MODBUS, "  pollIntervalMs: 250\n", ""), "press-7", "press-8")));
        assertEquals(new ModbusConnection("10.0.0.7", 5020, 1, ModbusConnection.DEFAULT_POLL_INTERVAL_MS),
                polledByDefault.connector());
        assertEquals(new ModbusSource(ModbusSource.Table.INPUT_REGISTER, 100, ModbusSource.DataType.FLOAT32,
                ModbusSource.Order.BIG_ENDIAN, ModbusSource.Order.LITTLE_ENDIAN, 1.0, 0.0),
                modbus.dataItems().get(0).source());
        assertEquals(new ModbusSource(ModbusSource.Table.HOLDING_REGISTER, 200, ModbusSource.DataType.INT16,
                ModbusSource.Order.BIG_ENDIAN, ModbusSource.Order.BIG_ENDIAN, 0.1, -10.0),
                modbus.dataItems().get(1).source());
        assertTrue(modbus.dataItems().get(2).writable());

        AssetDefinition mtconnect = AssetFileLoader.load(write("vmc-3.yaml", MTCONNECT));
        assertEquals(new MtConnectConnection("http://agent.local:5000", "VMC-3Axis"), mtconnect.connector());
        assertEquals("mtconnect", mtconnect.connector().type());
        assertEquals(new MtConnectSource("Sspeed"), mtconnect.dataItems().get(0).source());

        AssetDefinition mqtt = AssetFileLoader.load(write("env-2.yaml", MQTT));
        assertEquals(new MqttConnection("tcp://broker.local:1883", MqttConnection.Format.JSON, "plant1-ingest"),
                mqtt.connector());
        assertEquals(new MqttSource("acme/plant1/env-2/telemetry", "/humidity"), mqtt.dataItems().get(0).source());
        assertEquals(new MqttSource("acme/plant1/env-2/telemetry", "/fan", "acme/plant1/env-2/fan/set"),
                mqtt.dataItems().get(1).source());
        assertEquals(new MqttSource(null, null, "acme/plant1/env-2/calibrate"), mqtt.dataItems().get(2).source());
        AssetDefinition unshared = AssetFileLoader.load(write("env-3.yaml",
                replace(MQTT, "  shareGroup: plant1-ingest\n", "")));
        assertEquals(MqttConnection.DEFAULT_SHARE_GROUP, ((MqttConnection) unshared.connector()).shareGroup());
        assertEquals(Optional.of("openfactory"),
                ((MqttConnection) unshared.connector()).sharedSubscriptionGroup());
        for (String off : List.of("\"\"", "none")) {
            AssetDefinition asset = AssetFileLoader.load(write("env-4.yaml",
                    replace(MQTT, "shareGroup: plant1-ingest", "shareGroup: " + off)));
            assertEquals(Optional.empty(), ((MqttConnection) asset.connector()).sharedSubscriptionGroup(), off);
        }
    }

    @Test
    void readsOpcUaSecurityAndLoginWithDefaults() throws IOException {
        AssetDefinition secured = AssetFileLoader.load(write("tc-2.yaml", OPCUA_SECURED));
        assertEquals(new OpcUaConnection("opc.tcp://127.0.0.1:4841/openfactory",
                OpcUaConnection.SecurityPolicy.BASIC256SHA256, OpcUaConnection.SecurityMode.SIGN_AND_ENCRYPT,
                new OpcUaAuth.UserPassword("operator", "TC2_PASSWORD")), secured.connector());

        AssetDefinition signed = AssetFileLoader.load(write("tc-3.yaml", replace(OPCUA_SECURED,
                "  auth:\n    type: username\n    username: operator\n    passwordEnv: TC2_PASSWORD\n",
                "  securityMode: Sign\n  auth: { type: certificate, certificateFile: user.pem, privateKeyFile: user.key }\n")));
        assertEquals(new OpcUaConnection("opc.tcp://127.0.0.1:4841/openfactory",
                OpcUaConnection.SecurityPolicy.BASIC256SHA256, OpcUaConnection.SecurityMode.SIGN,
                new OpcUaAuth.UserCertificate("user.pem", "user.key")), signed.connector());

        AssetDefinition plain = AssetFileLoader.load(write("tc-1.yaml", OPCUA));
        assertEquals(new OpcUaConnection("opc.tcp://127.0.0.1:4840/openfactory", OpcUaConnection.SecurityPolicy.NONE,
                OpcUaConnection.SecurityMode.NONE, OpcUaAuth.ANONYMOUS), plain.connector());
    }

    @Test
    void theShippedExampleAssetsLoad() {
        List<AssetDefinition> assets = AssetFileLoader.loadFolder(Path.of("..", "examples", "assets"));
        AssetDefinition tc1 = assets.stream().filter(a -> a.id().equals("tc-1")).findFirst().orElseThrow();
        assertEquals("acme/plant1/utilities/line1/cell1/tc-1", tc1.unsPath());
        assertEquals("opc.tcp://127.0.0.1:4840/openfactory", tc1.connector().endpoint());
        assertEquals(OpcUaSource.node("ns=2;s=TemperatureController/Temperature"),
                tc1.dataItem("temperature").orElseThrow().source());
        assertEquals(List.of("temperature", "setpoint", "heater", "mode", "alarm", "highTemperature", "setMode",
                "resetAlarm"), tc1.dataItems().stream().map(DataItemDefinition::id).toList());
        assertTrue(tc1.dataItem("setpoint").orElseThrow().writable());
        assertEquals(OpcUaSource.node("ns=2;s=TemperatureController"),
                tc1.dataItem("highTemperature").orElseThrow().source());
        assertEquals(OpcUaSource.method("ns=2;s=TemperatureController", "ns=2;s=TemperatureController/SetMode"),
                tc1.dataItem("setMode").orElseThrow().source());
    }

    @Test
    void aFolderIsReadInFileNameOrder() throws IOException {
        write("b.yaml", MODBUS);
        write("a.yml", OPCUA);
        write("notes.txt", "not an asset");
        write(".#a.yaml", "editor lock file, not an asset");
        assertEquals(List.of("tc-1", "press-7"),
                AssetFileLoader.loadFolder(dir).stream().map(AssetDefinition::id).toList());
    }

    @Test
    void aShorterUnsTemplateCanBeConfigured() throws IOException {
        AssetFileLoader plantLevel = new AssetFileLoader(UnsTemplate.parse("enterprise/site/area"));
        Path file = write("tc-1.yaml", replace(OPCUA, "acme/plant1/area1/line1/cell1/tc-1", "acme/plant1/area1/tc-1"));
        assertEquals("acme/plant1/area1/tc-1", plantLevel.readFile(file).unsPath());

        Path isa95 = write("tc-2.yaml", OPCUA);
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> plantLevel.readFile(isa95));
        assertTrue(e.getMessage().contains("too many levels"), e.getMessage());
    }

    // ---- every kind of bad input names file, line and field ----

    record Case(String name, String yaml, int line, String field, String message, int problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case bad(String name, String yaml, String lineFragment, String field, String message) {
        return new Case(name, yaml, lineOf(yaml, lineFragment), field, message, 1);
    }

    static Stream<Case> badInputs() {
        String uns = "unsPath: acme/plant1/area1/line1/cell1/tc-1";
        return Stream.of(
                bad("unknown field in a data item", replace(OPCUA, "    units: CELSIUS", "    unit: CELSIUS"),
                        "unit: CELSIUS", "dataItems[0].unit", "unknown field 'unit' (known: [id, category"),
                bad("unknown field at the top", replace(OPCUA, "kind: Asset\n", "kind: Asset\nowner: me\n"),
                        "owner: me", "owner", "unknown field 'owner'"),
                bad("unknown field in a mapping", replace(OPCUA, "deadband: 0.5 }", "deadband: 0.5, rate: 5 }"),
                        "rate: 5", "dataItems[0].opcua.rate", "unknown field 'rate'"),
                bad("a field of another connector type", replace(OPCUA, "  endpoint: opc.tcp://127.0.0.1:4840/openfactory",
                                "  endpoint: opc.tcp://127.0.0.1:4840/openfactory\n  host: 10.0.0.1"),
                        "host: 10.0.0.1", "connector.host", "unknown field 'host' for connector type 'opcua'"),
                bad("missing field in a data item", replace(OPCUA, "    category: SAMPLE\n", ""),
                        "- id: temperature", "dataItems[0].category", "missing required field 'category'"),
                bad("missing asset id", replace(OPCUA, "id: tc-1\n", ""),
                        "apiVersion", "id", "missing required field 'id'"),
                bad("missing endpoint", replace(OPCUA, "  endpoint: opc.tcp://127.0.0.1:4840/openfactory\n", ""),
                        "connector:", "connector.endpoint", "missing required field 'endpoint'"),
                bad("wrong enum", replace(OPCUA, "valueType: DOUBLE", "valueType: REAL"),
                        "valueType: REAL", "dataItems[0].valueType",
                        "'REAL' is not one of [DOUBLE, INTEGER, STRING, BOOLEAN, CONDITION]"),
                bad("UNAVAILABLE is not declarable", replace(OPCUA, "valueType: STRING", "valueType: UNAVAILABLE"),
                        "valueType: UNAVAILABLE", "dataItems[1].valueType", "'UNAVAILABLE' is not one of"),
                bad("wrong Modbus enum", replace(MODBUS, "dataType: FLOAT32", "dataType: FLOAT"),
                        "dataType: FLOAT,", "dataItems[0].modbus.dataType",
                        "'FLOAT' is not one of [BOOL, INT16, UINT16, INT32, UINT32, FLOAT32, FLOAT64]"),
                bad("a string where a boolean belongs", replace(OPCUA, "writable: false", "writable: \"no\""),
                        "writable:", "dataItems[0].writable", "must be true or false, not a string 'no'"),
                bad("a string where an integer belongs", replace(MODBUS, "address: 100,", "address: \"100\","),
                        "address: \"100\"", "dataItems[0].modbus.address", "must be an integer, not a string '100'"),
                bad("a number where a mapping belongs", replace(OPCUA, "limits: { min: -50, max: 300 }", "limits: 5"),
                        "limits: 5", "dataItems[0].limits", "must be a mapping of fields, not a number 5"),
                bad("an integer out of range", replace(MODBUS, "address: 100,", "address: 70000,"),
                        "address: 70000", "dataItems[0].modbus.address", "70000 is not in 0..65535"),
                bad("a Modbus poll interval below the minimum", replace(MODBUS, "pollIntervalMs: 250",
                                "pollIntervalMs: 5"),
                        "pollIntervalMs: 5", "connector.pollIntervalMs", "5 is not in 10..86400000"),
                bad("a poll interval on an OPC UA connector", replace(OPCUA,
                                "  endpoint: opc.tcp://127.0.0.1:4840/openfactory",
                                "  endpoint: opc.tcp://127.0.0.1:4840/openfactory\n  pollIntervalMs: 100"),
                        "pollIntervalMs: 100", "connector.pollIntervalMs",
                        "unknown field 'pollIntervalMs' for connector type 'opcua'"),
                bad("unknown connector type", replace(OPCUA, "type: opcua", "type: profinet"),
                        "type: profinet", "connector.type", "'profinet' is not one of [opcua, modbus, mtconnect, mqtt]"),
                new Case("a mapping of another connector type",
                        replace(OPCUA, "opcua: { browsePath: \"/Objects/2:TemperatureController/2:Mode\" }",
                                "modbus: { table: COIL, address: 1, dataType: BOOL }"),
                        lineOf(OPCUA, "browsePath"), "dataItems[1].modbus",
                        "data item 'mode' has a 'modbus' mapping, but the asset's connector type is 'opcua'", 2),
                bad("a data item that maps to nothing",
                        replace(OPCUA, "    opcua: { browsePath: \"/Objects/2:TemperatureController/2:Mode\" }\n", ""),
                        "- id: mode", "dataItems[1].opcua",
                        "missing required field 'opcua': data item 'mode' maps to nothing"),
                bad("limits on a STRING", replace(OPCUA, "valueType: STRING\n", "valueType: STRING\n    limits: { max: 10 }\n"),
                        "limits: { max: 10 }", "dataItems[1].limits",
                        "limits apply only to DOUBLE and INTEGER data items, not STRING"),
                bad("limits upside down", replace(OPCUA, "{ min: -50, max: 300 }", "{ min: 300, max: -50 }"),
                        "limits:", "dataItems[0].limits", "min 300.0 is greater than max -50.0"),
                bad("a writable MTConnect item", replace(MTCONNECT, "units: REVOLUTION/MINUTE\n",
                                "units: REVOLUTION/MINUTE\n    writable: true\n"),
                        "writable: true", "dataItems[0].writable", "MTConnect data items are never writable"),
                bad("a writable read-only Modbus table", replace(MODBUS, "units: BAR\n", "units: BAR\n    writable: true\n"),
                        "writable: true", "dataItems[0].writable", "table INPUT_REGISTER is read-only"),
                new Case("a coil that is not BOOL", replace(MODBUS, "table: COIL, address: 0, dataType: BOOL",
                        "table: COIL, address: 0, dataType: INT16"), lineOf(MODBUS, "table: COIL"),
                        "dataItems[2].modbus.dataType", "table COIL holds single bits: dataType must be BOOL", 2),
                bad("a Modbus scale of zero", replace(MODBUS, "scale: 0.1", "scale: 0"),
                        "scale: 0,", "dataItems[1].modbus.scale", "must be a finite number other than 0"),
                bad("a Modbus register beyond the last address", replace(MODBUS, "address: 100,", "address: 65535,"),
                        "address: 65535", "dataItems[0].modbus.address", "FLOAT32 spans 2 registers"),
                new Case("a CONDITION item without valueType CONDITION", replace(OPCUA, "    valueType: CONDITION\n",
                                "    valueType: DOUBLE\n"), lineOf(OPCUA, "valueType: CONDITION"),
                        "dataItems[3].valueType", "a CONDITION data item has valueType CONDITION, not DOUBLE", 1),
                bad("valueType CONDITION on an EVENT", replace(OPCUA, "valueType: STRING", "valueType: CONDITION"),
                        "valueType: CONDITION", "dataItems[1].valueType",
                        "valueType CONDITION is only for category CONDITION, not EVENT"),
                bad("a METHOD without a method mapping", replace(OPCUA,
                                "opcua: { objectId: \"ns=2;s=TemperatureController\", methodId: \"ns=2;s=TemperatureController/Start\" }",
                                "opcua: { nodeId: \"ns=2;s=TemperatureController/Start\" }"),
                        "ns=2;s=TemperatureController/Start", "dataItems[2].opcua",
                        "a METHOD data item needs a method mapping"),
                bad("a method mapping on an EVENT", replace(OPCUA,
                                "opcua: { browsePath: \"/Objects/2:TemperatureController/2:Mode\" }",
                                "opcua: { objectId: \"ns=2;s=A\", methodId: \"ns=2;s=A/B\" }"),
                        "ns=2;s=A/B", "dataItems[1].opcua.objectId", "objectId and methodId map METHOD data items"),
                bad("nodeId and browsePath together", replace(OPCUA, "opcua: { browsePath:",
                                "opcua: { nodeId: \"ns=2;s=X\", browsePath:"),
                        "ns=2;s=X", "dataItems[1].opcua.browsePath", "give either nodeId or browsePath, not both"),
                bad("no address in an OPC UA mapping", replace(OPCUA,
                                "opcua: { browsePath: \"/Objects/2:TemperatureController/2:Mode\" }", "opcua: { queueSize: 5 }"),
                        "queueSize: 5", "dataItems[1].opcua", "one of 'nodeId' or 'browsePath' is required"),
                bad("a node id that is not one", replace(OPCUA, "\"ns=2;s=TemperatureController/Overheat\"",
                                "\"TemperatureController/Overheat\""),
                        "TemperatureController/Overheat", "dataItems[3].opcua.nodeId", "is not an OPC UA node id"),
                bad("a deadband on a STRING", replace(OPCUA, "opcua: { browsePath: \"/Objects/2:TemperatureController/2:Mode\" }",
                                "opcua: { browsePath: \"/Objects/2:TemperatureController/2:Mode\", deadband: 1 }"),
                        "deadband: 1 }", "dataItems[1].opcua.deadband", "a deadband applies only to DOUBLE and INTEGER"),
                new Case("a data item id used twice", replace(OPCUA, "- id: mode", "- id: temperature"),
                        lineOf(OPCUA, "- id: mode"), "dataItems[1].id",
                        "data item id 'temperature' is already used by dataItems[0]", 1),
                bad("an invalid asset id", replace(replace(OPCUA, "id: tc-1", "id: TC_1"), "cell1/tc-1", "cell1/TC_1"),
                        "id: TC_1", "id", "'TC_1' is not a valid asset id: it must match ^[a-z0-9][a-z0-9._-]{0,62}$"),
                bad("an invalid data item id", replace(OPCUA, "- id: mode", "- id: 1mode"),
                        "- id: 1mode", "dataItems[1].id", "'1mode' is not a valid data item id"),
                bad("UNS: a level missing", replace(OPCUA, uns, "unsPath: acme/plant1/area1/line1/tc-1"),
                        "unsPath:", "unsPath", "level 'cell' is missing (expected enterprise/site/area/line/cell/<assetId>)"),
                bad("UNS: two levels missing", replace(OPCUA, uns, "unsPath: acme/plant1/area1/tc-1"),
                        "unsPath:", "unsPath", "levels 'line', 'cell' are missing"),
                bad("UNS: last segment is not the asset id", replace(OPCUA, uns, "unsPath: acme/plant1/area1/line1/cell1/tc-2"),
                        "unsPath:", "unsPath", "last segment must be the asset id 'tc-1', found 'tc-2'"),
                bad("UNS: too many levels", replace(OPCUA, uns, "unsPath: acme/plant1/area1/line1/cell1/extra/tc-1"),
                        "unsPath:", "unsPath", "too many levels: 6 segments before the asset id, the template has 5"),
                bad("UNS: a segment with a space", replace(OPCUA, uns, "unsPath: acme/plant 1/area1/line1/cell1/tc-1"),
                        "unsPath:", "unsPath", "level 'site': 'plant 1' must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
                bad("UNS: an empty segment", replace(OPCUA, uns, "unsPath: acme//area1/line1/cell1/tc-1"),
                        "unsPath:", "unsPath", "level 'site' is empty"),
                bad("an MQTT topic with a wildcard", replace(MQTT, "topic: acme/plant1/env-2/telemetry, jsonPointer: /humidity",
                                "topic: acme/+/env-2/telemetry, jsonPointer: /humidity"),
                        "topic:", "dataItems[0].mqtt.topic", "'acme/+/env-2/telemetry' has a wildcard"),
                bad("a JSON pointer with CloudEvents payloads", replace(replace(MQTT, "format: json", "format: cloudevents"),
                                "jsonPointer: /fan, ", ""),
                        "jsonPointer", "dataItems[0].mqtt.jsonPointer", "jsonPointer applies to format json only"),
                bad("a writable MQTT item without a commandTopic", replace(MQTT,
                                ", commandTopic: acme/plant1/env-2/fan/set }", " }"),
                        "jsonPointer: /fan", "dataItems[1].mqtt.commandTopic",
                        "missing required field 'commandTopic': a writable MQTT data item needs"),
                bad("an MQTT commandTopic on a read-only item", replace(MQTT, "    writable: true\n", ""),
                        "commandTopic: acme/plant1/env-2/fan/set", "dataItems[1].mqtt.commandTopic",
                        "commandTopic is for writable and METHOD data items"),
                bad("an MQTT commandTopic with a wildcard", replace(MQTT, "acme/plant1/env-2/fan/set",
                                "acme/plant1/env-2/#"),
                        "commandTopic: acme/plant1/env-2/#", "dataItems[1].mqtt.commandTopic",
                        "'acme/plant1/env-2/#' has a wildcard: commands go to one topic"),
                new Case("an MQTT METHOD reading a topic instead of a commandTopic", replace(MQTT,
                                "mqtt: { commandTopic: acme/plant1/env-2/calibrate }",
                                "mqtt: { topic: acme/plant1/env-2/calibrate }"),
                        lineOf(MQTT, "mqtt: { commandTopic: acme/plant1/env-2/calibrate }"),
                        "dataItems[2].mqtt.commandTopic",
                        "missing required field 'commandTopic': a METHOD data item is called by publishing", 2),
                bad("an MQTT METHOD with a topic", replace(MQTT,
                                "mqtt: { commandTopic: acme/plant1/env-2/calibrate }",
                                "mqtt: { topic: acme/plant1/env-2/calibrated, commandTopic: acme/plant1/env-2/calibrate }"),
                        "acme/plant1/env-2/calibrated", "dataItems[2].mqtt.topic",
                        "a METHOD data item has no values to read"),
                bad("an MQTT item reading no topic", replace(MQTT,
                                "mqtt: { topic: acme/plant1/env-2/telemetry, jsonPointer: /fan, ",
                                "mqtt: { jsonPointer: /fan, "),
                        "jsonPointer: /fan", "dataItems[1].mqtt.topic",
                        "missing required field 'topic': where the values of this EVENT data item arrive"),
                bad("an MQTT mapping without any topic", replace(MQTT,
                                "mqtt: { topic: acme/plant1/env-2/telemetry, jsonPointer: /humidity }",
                                "mqtt: { jsonPointer: /humidity }"),
                        "jsonPointer: /humidity", "dataItems[0].mqtt",
                        "needs 'topic' (where values arrive), 'commandTopic' (where commands go) or both"),
                bad("an MQTT share group with a slash", replace(MQTT, "shareGroup: plant1-ingest",
                                "shareGroup: plant1/ingest"),
                        "shareGroup:", "connector.shareGroup", "'plant1/ingest' is not a share group name"),
                bad("an unknown MQTT format", replace(MQTT, "format: json", "format: xml"),
                        "format: xml", "connector.format", "'xml' is not one of [cloudevents, json]"),
                bad("an OPC UA security mode without a policy", replace(OPCUA,
                                "  endpoint: opc.tcp://127.0.0.1:4840/openfactory\n",
                                "  endpoint: opc.tcp://127.0.0.1:4840/openfactory\n  securityMode: SignAndEncrypt\n"),
                        "securityMode:", "connector.securityMode",
                        "securityMode SignAndEncrypt needs a securityPolicy such as Basic256Sha256"),
                bad("an OPC UA security policy with mode None", replace(OPCUA_SECURED,
                                "  securityPolicy: Basic256Sha256\n",
                                "  securityPolicy: Basic256Sha256\n  securityMode: None\n"),
                        "securityMode:", "connector.securityMode",
                        "securityPolicy Basic256Sha256 needs securityMode Sign or SignAndEncrypt, not None"),
                bad("an unsupported OPC UA security policy", replace(OPCUA_SECURED, "Basic256Sha256", "Basic128Rsa15"),
                        "securityPolicy:", "connector.securityPolicy",
                        "'Basic128Rsa15' is not one of [None, Basic256Sha256]"),
                bad("a password in an asset file", replace(OPCUA_SECURED, "    passwordEnv: TC2_PASSWORD\n",
                                "    passwordEnv: TC2_PASSWORD\n    password: secret\n"),
                        "password: secret", "connector.auth.password", "passwords never go in asset files"),
                bad("a user name login without passwordEnv", replace(OPCUA_SECURED, "    passwordEnv: TC2_PASSWORD\n", ""),
                        "auth:", "connector.auth.passwordEnv", "missing required field 'passwordEnv'"),
                bad("a passwordEnv that is not a variable name", replace(OPCUA_SECURED, "passwordEnv: TC2_PASSWORD",
                                "passwordEnv: \"s3cret pass\""),
                        "passwordEnv:", "connector.auth.passwordEnv", "is not an environment variable or config"),
                bad("a certificate login without a private key", replace(OPCUA_SECURED,
                                "  auth:\n    type: username\n    username: operator\n    passwordEnv: TC2_PASSWORD\n",
                                "  auth: { type: certificate, certificateFile: user.pem }\n"),
                        "auth:", "connector.auth.privateKeyFile", "missing required field 'privateKeyFile'"),
                bad("an unknown login type", replace(OPCUA_SECURED, "type: username", "type: kerberos"),
                        "type: kerberos", "connector.auth.type",
                        "'kerberos' is not one of [anonymous, username, certificate]"),
                bad("a field of another login type", replace(OPCUA_SECURED, "    passwordEnv: TC2_PASSWORD\n",
                                "    passwordEnv: TC2_PASSWORD\n    certificateFile: user.pem\n"),
                        "certificateFile:", "connector.auth.certificateFile",
                        "unknown field 'certificateFile' for auth type 'username'"),
                bad("an unsupported apiVersion", replace(OPCUA, "openfactory/v1", "openfactory/v2"),
                        "apiVersion", "apiVersion", "'openfactory/v2' is not supported; use 'openfactory/v1'"),
                new Case("a duplicate key", replace(OPCUA, "kind: Asset\n", "kind: Asset\nkind: Asset\n"),
                        lineOf(OPCUA, "kind: Asset") + 1, "", "malformed YAML: field 'kind' appears twice", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsReportedWithFileLineAndField(Case c) throws IOException {
        Path file = write("bad.yaml", c.yaml());
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> AssetFileLoader.load(file));
        AssetProblem problem = e.problems().stream()
                .filter(p -> p.fieldPath().equals(c.field()) && p.message().contains(c.message()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem at '" + c.field() + "' containing '" + c.message()
                        + "' in:\n" + e.getMessage()));
        assertEquals(file, problem.file());
        assertEquals(c.line(), problem.line(), problem.toString());
        assertEquals(c.problems(), e.problems().size(), e.getMessage());
        String expectedStart = file + ":" + c.line() + ": " + (c.field().isEmpty() ? "" : "field '" + c.field() + "': ");
        assertTrue(problem.toString().startsWith(expectedStart), problem.toString());
        assertTrue(e.getMessage().contains(problem.toString()), e.getMessage());
    }

    @Test
    void malformedYamlIsReportedWithItsLine() throws IOException {
        Path file = write("bad.yaml", "apiVersion: openfactory/v1\nkind: Asset\nid: tc-1\nunsPath: \"unterminated\n");
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> AssetFileLoader.load(file));
        AssetProblem problem = e.problems().get(0);
        assertEquals(file, problem.file());
        assertTrue(problem.line() >= 4, problem.toString());
        assertTrue(problem.message().startsWith("malformed YAML"), problem.toString());
    }

    @Test
    void anEmptyFileIsReported() throws IOException {
        Path file = write("empty.yaml", "# nothing yet\n");
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> AssetFileLoader.load(file));
        assertEquals("the document is empty", e.problems().get(0).message());
    }

    @Test
    void allProblemsOfAFileAreReportedTogetherInLineOrder() throws IOException {
        String yaml = replace(replace(replace(MODBUS, "dataType: FLOAT32", "dataType: FLOAT"),
                "unsPath: acme/plant1/forming/line2/cell3/press-7", "unsPath: acme/plant1/press-7"),
                "units: BAR\n", "units: BAR\n    colour: red\n");
        Path file = write("press-7.yaml", yaml);
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> AssetFileLoader.load(file));
        assertEquals(List.of("unsPath", "dataItems[0].colour", "dataItems[0].modbus.dataType"),
                e.problems().stream().map(AssetProblem::fieldPath).toList(), e.getMessage());
        assertEquals(List.of(lineOf(yaml, "unsPath"), lineOf(yaml, "colour"), lineOf(yaml, "FLOAT,")),
                e.problems().stream().map(AssetProblem::line).toList());
        assertTrue(e.getMessage().startsWith("3 problems in asset definitions:"), e.getMessage());
    }

    @Test
    void aFolderWithOneBadFileYieldsItsProblemsAndNoAssets() throws IOException {
        write("a.yaml", OPCUA);
        Path bad = write("b.yaml", replace(MODBUS, "address: 100,", "address: -1,"));
        write("c.yaml", MQTT);
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> AssetFileLoader.loadFolder(dir));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(bad, e.problems().get(0).file());
        assertEquals("dataItems[0].modbus.address", e.problems().get(0).fieldPath());
    }

    @Test
    void problemsOfSeveralFilesAreReportedTogetherInFileOrder() throws IOException {
        Path first = write("a.yaml", replace(OPCUA, "valueType: DOUBLE", "valueType: REAL"));
        write("b.yaml", MODBUS);
        Path third = write("c.yaml", replace(MQTT, "format: json", "format: xml"));
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> AssetFileLoader.loadFolder(dir));
        assertEquals(List.of(first, third), e.problems().stream().map(AssetProblem::file).toList());
    }

    @Test
    void duplicateIdsAcrossFilesAreRejected() throws IOException {
        write("a.yaml", OPCUA);
        Path second = write("b.yaml", OPCUA);
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> AssetFileLoader.loadFolder(dir));
        assertEquals(1, e.problems().size(), e.getMessage());
        AssetProblem problem = e.problems().get(0);
        assertEquals(second, problem.file());
        assertEquals(lineOf(OPCUA, "id: tc-1"), problem.line());
        assertEquals("id", problem.fieldPath());
        assertTrue(problem.message().contains("asset id 'tc-1' is already defined in " + dir.resolve("a.yaml")),
                problem.message());
    }

    @Test
    void aUnsPathClaimedTwiceAcrossFilesIsRejected() throws IOException {
        write("a.yaml", OPCUA);
        String other = replace(OPCUA, "id: tc-1", "id: tc-2");
        Path second = write("b.yaml", other);
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> AssetFileLoader.loadFolder(dir));
        AssetProblem clash = e.problems().stream().filter(p -> p.message().contains("already claimed")).findFirst()
                .orElseThrow(() -> new AssertionError(e.getMessage()));
        assertEquals(second, clash.file());
        assertEquals(lineOf(other, "unsPath"), clash.line());
        assertEquals("unsPath", clash.fieldPath());
        assertTrue(clash.message().contains("UNS path 'acme/plant1/area1/line1/cell1/tc-1' is already claimed by "
                + "asset 'tc-1' in " + dir.resolve("a.yaml")), clash.message());
    }

    @Test
    void aMissingFolderIsReported() {
        Path missing = dir.resolve("nope");
        AssetValidationException e = assertThrows(AssetValidationException.class,
                () -> AssetFileLoader.loadFolder(missing));
        assertEquals(missing, e.problems().get(0).file());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
