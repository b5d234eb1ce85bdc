package org.openfactory.registry.asset;

import java.nio.file.Path;
import java.util.List;

/** Valid asset documents, one per connector type; tests break them one field at a time. */
public final class AssetFixtures {

    public static final String OPCUA = """
            apiVersion: openfactory/v1
            kind: Asset
            id: tc-1
            unsPath: acme/plant1/area1/line1/cell1/tc-1
            type: TemperatureController
            description: Virtual temperature controller
            connector:
              type: opcua
              endpoint: opc.tcp://127.0.0.1:4840/openfactory
            dataItems:
              - id: temperature
                category: SAMPLE
                valueType: DOUBLE
                units: CELSIUS
                limits: { min: -50, max: 300 }
                writable: false
                opcua: { nodeId: "ns=2;s=TemperatureController/Temperature", samplingIntervalMs: 100, queueSize: 10, deadband: 0.5 }
              - id: mode
                category: EVENT
                valueType: STRING
                opcua: { browsePath: "/Objects/2:TemperatureController/2:Mode" }
              - id: start
                category: METHOD
                valueType: BOOLEAN
                opcua: { objectId: "ns=2;s=TemperatureController", methodId: "ns=2;s=TemperatureController/Start" }
              - id: overheat
                category: CONDITION
                valueType: CONDITION
                opcua: { nodeId: "ns=2;s=TemperatureController/Overheat" }
            """;

    public static final String MODBUS = """
            apiVersion: openfactory/v1
            kind: Asset
            id: press-7
            unsPath: acme/plant1/forming/line2/cell3/press-7
            type: HydraulicPress
            connector:
              type: modbus
              host: 10.0.0.7
              port: 5020
              pollIntervalMs: 250
            dataItems:
              - id: pressure
                category: SAMPLE
                valueType: DOUBLE
                units: BAR
                modbus: { table: INPUT_REGISTER, address: 100, dataType: FLOAT32, wordOrder: LITTLE_ENDIAN }
              - id: setpoint
                category: SAMPLE
                valueType: DOUBLE
                writable: true
                modbus: { table: HOLDING_REGISTER, address: 200, dataType: INT16, scale: 0.1, offset: -10 }
              - id: running
                category: EVENT
                valueType: BOOLEAN
                writable: true
                modbus: { table: COIL, address: 0, dataType: BOOL }
            """;

    public static final String MTCONNECT = """
            apiVersion: openfactory/v1
            kind: Asset
            id: vmc-3
            unsPath: acme/plant1/machining/line1/cell2/vmc-3
            type: MachiningCenter
            connector:
              type: mtconnect
              agentUrl: http://agent.local:5000
              device: VMC-3Axis
            dataItems:
              - id: spindleSpeed
                category: SAMPLE
                valueType: DOUBLE
                units: REVOLUTION/MINUTE
                mtconnect: { dataItemId: Sspeed }
              - id: execution
                category: EVENT
                valueType: STRING
                mtconnect: { dataItemId: execution }
            """;

    public static final String MQTT = """
            apiVersion: openfactory/v1
            kind: Asset
            id: env-2
            unsPath: acme/plant1/utilities/line1/cell1/env-2
            type: EnvironmentSensor
            connector:
              type: mqtt
              broker: tcp://broker.local:1883
              format: json
              shareGroup: plant1-ingest
            dataItems:
              - id: humidity
                category: SAMPLE
                valueType: DOUBLE
                units: PERCENT
                mqtt: { topic: acme/plant1/env-2/telemetry, jsonPointer: /humidity }
              - id: fan
                category: EVENT
                valueType: BOOLEAN
                writable: true
                mqtt: { topic: acme/plant1/env-2/telemetry, jsonPointer: /fan, commandTopic: acme/plant1/env-2/fan/set }
              - id: calibrate
                category: METHOD
                valueType: BOOLEAN
                mqtt: { commandTopic: acme/plant1/env-2/calibrate }
            """;

    /** OPC UA over a signed and encrypted channel, logging in with a user name; the password is in TC2_PASSWORD. */
    public static final String OPCUA_SECURED = """
            apiVersion: openfactory/v1
            kind: Asset
            id: tc-2
            unsPath: acme/plant1/area1/line1/cell1/tc-2
            type: TemperatureController
            connector:
              type: opcua
              endpoint: opc.tcp://127.0.0.1:4841/openfactory
              securityPolicy: Basic256Sha256
              auth:
                type: username
                username: operator
                passwordEnv: TC2_PASSWORD
            dataItems:
              - id: temperature
                category: SAMPLE
                valueType: DOUBLE
                opcua: { nodeId: "ns=2;s=TemperatureController/Temperature" }
            """;

    public static final List<String> ALL = List.of(OPCUA, MODBUS, MTCONNECT, MQTT, OPCUA_SECURED);

    private AssetFixtures() {
    }

    /** {@code yaml} with {@code from} replaced once, failing loudly if the fixture no longer contains it. */
    public static String replace(String yaml, String from, String to) {
        if (!yaml.contains(from)) {
            throw new IllegalArgumentException("fixture does not contain: " + from);
        }
        return yaml.replace(from, to);
    }

    /** The 1-based line of the first line containing {@code fragment}. */
    public static int lineOf(String yaml, String fragment) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line contains: " + fragment);
    }

    /** The definition of a valid document. */
    public static AssetDefinition definition(String yaml) {
        return AssetFileLoader.withDefaults().readText(Path.of("fixture.yaml"), yaml);
    }

    /** A valid OPC UA asset with another id and path. */
    public static String opcua(String id, String unsPath) {
        return OPCUA.replace("id: tc-1", "id: " + id)
                .replace("unsPath: acme/plant1/area1/line1/cell1/tc-1", "unsPath: " + unsPath);
    }
}
