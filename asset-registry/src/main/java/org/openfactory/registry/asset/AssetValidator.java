package org.openfactory.registry.asset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;

/**
 * The rules of asset format v1 that go beyond its structure: identifiers, the UNS template, value types, limits,
 * writability and what each connector's mappings allow. {@link AssetFileLoader} runs them on every file (and
 * locates the violations by line); callers that build definitions in code run {@link #validate}.
 */
public final class AssetValidator {

    public static final Pattern ASSET_ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");
    public static final Pattern DATA_ITEM_ID = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,62}$");

    static final Pattern NODE_ID = Pattern.compile("^(ns=\\d+;|nsu=[^;]+;)?[isgb]=.+$");
    static final Pattern BROWSE_PATH = Pattern.compile("^(/(\\d+:)?[^/]+)+$");
    static final Pattern OPCUA_ENDPOINT = Pattern.compile("^opc\\.tcp://[^\\s/]+(/\\S*)?$");
    static final Pattern HTTP_URL = Pattern.compile("^https?://[^\\s/]+(/\\S*)?$");
    static final Pattern MQTT_BROKER = Pattern.compile("^(tcp|ssl)://[^\\s/]+:\\d{1,5}$");
    static final Pattern SHARE_GROUP = Pattern.compile("^[^/+#\\s]*$");
    static final Pattern JSON_POINTER = Pattern.compile("^(/([^~/]|~[01])*)*$");
    /** An environment variable or MicroProfile Config property name. */
    public static final Pattern SECRET_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.]{0,127}$");
    static final Pattern HOST = Pattern.compile("^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+]$");

    private static final Set<ValueType> NUMERIC = Set.of(ValueType.DOUBLE, ValueType.INTEGER);

    private AssetValidator() {
    }

    /** Every rule, on a definition built in code; empty when it is valid. */
    public static List<Violation> validate(AssetDefinition asset, UnsTemplate template) {
        Map<Integer, DataItemDefinition> items = new HashMap<>();
        for (int i = 0; i < asset.dataItems().size(); i++) {
            items.put(i, asset.dataItems().get(i));
        }
        return validateParts(asset.id(), asset.unsPath(), asset.type(), asset.connector(), items, template);
    }

    /**
     * The rules over whichever parts of a definition could be read; a null part (it had a structural error, already
     * reported) is skipped, so one mistake is not reported twice.
     *
     * @param items the data items that could be read, by their index in the file
     */
    static List<Violation> validateParts(String id, String unsPath, String type, ConnectorBinding connector,
                                         Map<Integer, DataItemDefinition> items, UnsTemplate template) {
        List<Violation> problems = new ArrayList<>();
        if (id != null && !ASSET_ID.matcher(id).matches()) {
            problems.add(Violation.at("'" + id + "' is not a valid asset id: it must match " + ASSET_ID.pattern()
                    + " (lower case letters, digits, '.', '_', '-'; at most 63 characters)", "id"));
        }
        if (id != null && unsPath != null && template != null) {
            for (String problem : template.problems(unsPath, id)) {
                problems.add(Violation.at(problem, "unsPath"));
            }
        }
        if (type != null && type.isBlank()) {
            problems.add(Violation.at("must not be empty", "type"));
        }
        if (connector != null) {
            connectorRules(connector).forEach(v -> problems.add(v.under(List.of("connector"))));
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        items.keySet().stream().sorted().forEach(index -> {
            DataItemDefinition item = items.get(index);
            List<Object> at = List.of("dataItems", index);
            itemRules(item, connector).forEach(v -> problems.add(v.under(at)));
            Integer earlier = firstIndex.putIfAbsent(item.id(), index);
            if (earlier != null) {
                problems.add(Violation.at("data item id '" + item.id() + "' is already used by dataItems["
                        + earlier + "]", "dataItems", index, "id"));
            }
        });
        return problems;
    }

    static List<Violation> connectorRules(ConnectorBinding connector) {
        List<Violation> problems = new ArrayList<>();
        if (connector instanceof OpcUaConnection opcua) {
            check(problems, OPCUA_ENDPOINT, opcua.endpoint(), "an OPC UA endpoint (opc.tcp://host:port/path)",
                    "endpoint");
            opcUaSecurityRules(opcua, problems);
        } else if (connector instanceof ModbusConnection modbus) {
            check(problems, HOST, modbus.host(), "a host name or address", "host");
        } else if (connector instanceof MtConnectConnection mtconnect) {
            check(problems, HTTP_URL, mtconnect.agentUrl(), "an MTConnect agent URL (http://host:port)", "agentUrl");
            if (mtconnect.device().isBlank()) {
                problems.add(Violation.at("must not be empty", "device"));
            }
        } else if (connector instanceof MqttConnection mqtt) {
            check(problems, MQTT_BROKER, mqtt.broker(), "an MQTT broker (tcp://host:port or ssl://host:port)",
                    "broker");
            if (!SHARE_GROUP.matcher(mqtt.shareGroup()).matches()) {
                problems.add(Violation.at("'" + mqtt.shareGroup() + "' is not a share group name: it must not "
                        + "contain '/', '+', '#' or spaces (empty or 'none' turns sharing off)", "shareGroup"));
            }
        }
        return problems;
    }

    private static void opcUaSecurityRules(OpcUaConnection opcua, List<Violation> problems) {
        OpcUaConnection.SecurityPolicy policy = opcua.securityPolicy();
        OpcUaConnection.SecurityMode mode = opcua.securityMode();
        if (policy == OpcUaConnection.SecurityPolicy.NONE && mode != OpcUaConnection.SecurityMode.NONE) {
            problems.add(Violation.at("securityMode " + mode.id() + " needs a securityPolicy such as Basic256Sha256; "
                    + "with securityPolicy None the mode is None", "securityMode"));
        } else if (policy != OpcUaConnection.SecurityPolicy.NONE && mode == OpcUaConnection.SecurityMode.NONE) {
            problems.add(Violation.at("securityPolicy " + policy.id() + " needs securityMode Sign or SignAndEncrypt, "
                    + "not None", "securityMode"));
        }
        if (opcua.auth() instanceof OpcUaAuth.UserPassword user) {
            if (user.username().isBlank()) {
                problems.add(Violation.at("must not be empty", "auth", "username"));
            }
            if (!SECRET_NAME.matcher(user.passwordEnv()).matches()) {
                problems.add(Violation.at("'" + user.passwordEnv() + "' is not an environment variable or config "
                        + "property name (it must match " + SECRET_NAME.pattern() + "); it names where the password "
                        + "is, it is not the password", "auth", "passwordEnv"));
            }
        } else if (opcua.auth() instanceof OpcUaAuth.UserCertificate certificate) {
            if (certificate.certificateFile().isBlank()) {
                problems.add(Violation.at("must not be empty", "auth", "certificateFile"));
            }
            if (certificate.privateKeyFile().isBlank()) {
                problems.add(Violation.at("must not be empty", "auth", "privateKeyFile"));
            }
        }
    }

    /** The rules of one data item, relative to the item; {@code connector} may be null (unknown). */
    static List<Violation> itemRules(DataItemDefinition item, ConnectorBinding connector) {
        List<Violation> problems = new ArrayList<>();
        Category category = item.category();
        ValueType valueType = item.valueType();
        DataItemSource source = item.source();
        String key = source.connectorType();

        if (!DATA_ITEM_ID.matcher(item.id()).matches()) {
            problems.add(Violation.at("'" + item.id() + "' is not a valid data item id: it must match "
                    + DATA_ITEM_ID.pattern() + " (a letter, then letters, digits or '_'; at most 63 characters)",
                    "id"));
        }
        if (valueType == ValueType.UNAVAILABLE) {
            problems.add(Violation.at("UNAVAILABLE is a state of a value, not a type a data item can declare",
                    "valueType"));
        }
        if (category == Category.CONDITION && valueType != ValueType.CONDITION) {
            problems.add(Violation.at("a CONDITION data item has valueType CONDITION, not " + valueType,
                    "valueType"));
        } else if (valueType == ValueType.CONDITION && category != Category.CONDITION) {
            problems.add(Violation.at("valueType CONDITION is only for category CONDITION, not " + category,
                    "valueType"));
        }
        Limits limits = item.limits();
        if (limits != null) {
            if (!NUMERIC.contains(valueType)) {
                problems.add(Violation.at("limits apply only to DOUBLE and INTEGER data items, not " + valueType,
                        "limits"));
            }
            if (limits.min() != null && limits.max() != null && limits.min() > limits.max()) {
                problems.add(Violation.at("min " + limits.min() + " is greater than max " + limits.max(), "limits"));
            }
        }
        if (item.writable()) {
            if (category == Category.CONDITION) {
                problems.add(Violation.at("a CONDITION data item cannot be writable", "writable"));
            }
            if (source instanceof MtConnectSource) {
                problems.add(Violation.at("MTConnect data items are never writable (MTConnect is read-only)",
                        "writable"));
            }
            if (source instanceof ModbusSource modbus && !modbus.table().isWritable()) {
                problems.add(Violation.at("table " + modbus.table() + " is read-only: only COIL and "
                        + "HOLDING_REGISTER data items can be writable", "writable"));
            }
        }
        boolean opcUaMethod = source instanceof OpcUaSource opcua && opcua.isMethod();
        boolean mqttMethod = source instanceof MqttSource mqtt && mqtt.commandTopic() != null;
        if (category == Category.METHOD && !opcUaMethod && !mqttMethod) {
            if (source instanceof OpcUaSource) {
                problems.add(Violation.at("a METHOD data item needs a method mapping: objectId and methodId instead "
                        + "of nodeId or browsePath", key));
            } else if (source instanceof MqttSource) {
                problems.add(Violation.at("missing required field 'commandTopic': a METHOD data item is called by "
                        + "publishing its arguments to its commandTopic", key, "commandTopic"));
            } else {
                problems.add(Violation.at("a METHOD data item needs a method mapping (opcua: objectId, methodId; "
                        + "mqtt: commandTopic); the " + key + " connector has no methods", key));
            }
        } else if (category != Category.METHOD && opcUaMethod) {
            problems.add(Violation.at("objectId and methodId map METHOD data items; category " + category
                    + " uses nodeId or browsePath", key, "objectId"));
        }
        if (connector != null && !key.equals(connector.type())) {
            problems.add(Violation.at("a '" + key + "' mapping, but the asset's connector type is '"
                    + connector.type() + "'", key));
        }

        if (source instanceof OpcUaSource opcua) {
            opcUaRules(opcua, valueType).forEach(v -> problems.add(v.under(List.of(key))));
        } else if (source instanceof ModbusSource modbus) {
            modbusRules(modbus, valueType, problems);
        } else if (source instanceof MtConnectSource mtconnect) {
            if (mtconnect.dataItemId().isBlank()) {
                problems.add(Violation.at("must not be empty", key, "dataItemId"));
            }
        } else if (source instanceof MqttSource mqtt) {
            mqttRules(mqtt, item, connector).forEach(v -> problems.add(v.under(List.of(key))));
        }
        return problems;
    }

    private static List<Violation> opcUaRules(OpcUaSource opcua, ValueType valueType) {
        List<Violation> problems = new ArrayList<>();
        String example = "an OPC UA node id such as ns=2;s=Folder/Variable";
        if (opcua.nodeId() != null) {
            check(problems, NODE_ID, opcua.nodeId(), example, "nodeId");
        }
        if (opcua.objectId() != null) {
            check(problems, NODE_ID, opcua.objectId(), example, "objectId");
        }
        if (opcua.methodId() != null) {
            check(problems, NODE_ID, opcua.methodId(), example, "methodId");
        }
        if (opcua.browsePath() != null) {
            check(problems, BROWSE_PATH, opcua.browsePath(), "a browse path such as /Objects/2:Folder/2:Variable",
                    "browsePath");
        }
        if (opcua.deadband() != null) {
            if (!NUMERIC.contains(valueType)) {
                problems.add(Violation.at("a deadband applies only to DOUBLE and INTEGER data items, not "
                        + valueType, "deadband"));
            } else if (!(opcua.deadband() >= 0)) {
                problems.add(Violation.at("must be 0 or more", "deadband"));
            }
        }
        if (opcua.samplingIntervalMs() != null && opcua.samplingIntervalMs() < 0) {
            problems.add(Violation.at("must be 0 or more", "samplingIntervalMs"));
        }
        if (opcua.queueSize() != null && opcua.queueSize() < 1) {
            problems.add(Violation.at("must be 1 or more", "queueSize"));
        }
        return problems;
    }

    private static void modbusRules(ModbusSource modbus, ValueType valueType, List<Violation> problems) {
        String key = ConnectorBinding.MODBUS;
        ModbusSource.DataType dataType = modbus.dataType();
        if (modbus.table().holdsBits() && dataType != ModbusSource.DataType.BOOL) {
            problems.add(Violation.at("table " + modbus.table() + " holds single bits: dataType must be BOOL, not "
                    + dataType, key, "dataType"));
        } else if (!modbus.table().holdsBits() && dataType == ModbusSource.DataType.BOOL) {
            problems.add(Violation.at("dataType BOOL needs table COIL or DISCRETE_INPUT, not " + modbus.table(),
                    key, "dataType"));
        }
        if (dataType == ModbusSource.DataType.BOOL) {
            if (valueType != ValueType.BOOLEAN) {
                problems.add(Violation.at("a Modbus BOOL reads as BOOLEAN, not " + valueType, "valueType"));
            }
        } else if (dataType == ModbusSource.DataType.FLOAT32 || dataType == ModbusSource.DataType.FLOAT64) {
            if (valueType != ValueType.DOUBLE) {
                problems.add(Violation.at("a Modbus " + dataType + " reads as DOUBLE, not " + valueType,
                        "valueType"));
            }
        } else if (!NUMERIC.contains(valueType)) {
            problems.add(Violation.at("a Modbus " + dataType + " reads as DOUBLE or INTEGER, not " + valueType,
                    "valueType"));
        }
        int lastAddress = modbus.address() + dataType.registers() - 1;
        if (lastAddress > 65535) {
            problems.add(Violation.at(dataType + " spans " + dataType.registers() + " registers: address "
                    + modbus.address() + " runs past 65535", key, "address"));
        }
        if (modbus.scale() == 0 || !Double.isFinite(modbus.scale())) {
            problems.add(Violation.at("must be a finite number other than 0", key, "scale"));
        }
        if (!Double.isFinite(modbus.offset())) {
            problems.add(Violation.at("must be a finite number", key, "offset"));
        }
    }

    private static List<Violation> mqttRules(MqttSource mqtt, DataItemDefinition item, ConnectorBinding connector) {
        List<Violation> problems = new ArrayList<>();
        boolean method = item.category() == Category.METHOD;
        if (mqtt.topic() == null) {
            if (!method) {
                problems.add(Violation.at("missing required field 'topic': where the values of this "
                        + item.category() + " data item arrive", "topic"));
            }
        } else if (method) {
            problems.add(Violation.at("a METHOD data item has no values to read: remove 'topic' (its calls go to "
                    + "commandTopic)", "topic"));
        } else {
            topicRules(mqtt.topic(), "a data item reads one topic", "topic", problems);
        }
        if (mqtt.commandTopic() != null) {
            topicRules(mqtt.commandTopic(), "commands go to one topic", "commandTopic", problems);
            if (!method && !item.writable()) {
                problems.add(Violation.at("commandTopic is for writable and METHOD data items; this one is not "
                        + "writable", "commandTopic"));
            }
        } else if (item.writable() && !method) {
            problems.add(Violation.at("missing required field 'commandTopic': a writable MQTT data item needs the "
                    + "topic its writes are published to", "commandTopic"));
        }
        if (mqtt.jsonPointer() != null) {
            check(problems, JSON_POINTER, mqtt.jsonPointer(), "a JSON pointer such as /sensor/temperature",
                    "jsonPointer");
            if (connector instanceof MqttConnection c && c.format() == MqttConnection.Format.CLOUDEVENTS) {
                problems.add(Violation.at("jsonPointer applies to format json only; this connector's format is "
                        + "cloudevents", "jsonPointer"));
            }
        }
        return problems;
    }

    private static void topicRules(String topic, String why, String field, List<Violation> problems) {
        if (topic.isEmpty()) {
            problems.add(Violation.at("must not be empty", field));
        } else if (topic.contains("+") || topic.contains("#")) {
            problems.add(Violation.at("'" + topic + "' has a wildcard: " + why, field));
        }
    }

    private static void check(List<Violation> problems, Pattern pattern, String value, String expected,
                              Object... path) {
        if (!pattern.matcher(value).matches()) {
            problems.add(new Violation(List.of(path), "'" + value + "' is not " + expected));
        }
    }
}
