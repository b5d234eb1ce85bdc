package org.openfactory.registry.asset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;

/**
 * Reads the structure of asset format v1 from a JSON tree (parsed from YAML or from an event's JSON data): field
 * types, required and unknown fields, enums, ranges, and which connector's mapping each data item has. Polymorphism
 * is explicit: the connector's {@code type} picks the connection record and the mapping key of every data item, so
 * every error names the exact field. All problems are collected; parts that read cleanly are returned even when
 * others did not, so the semantic rules can still run on them.
 */
final class AssetReader {

    static final List<String> ROOT_FIELDS = List.of("apiVersion", "kind", "id", "unsPath", "type", "description",
            "connector", "dataItems");
    static final List<String> ITEM_FIELDS = List.of("id", "category", "valueType", "units", "limits", "writable",
            "opcua", "modbus", "mtconnect", "mqtt");
    static final List<ValueType> DECLARABLE_TYPES = List.of(ValueType.DOUBLE, ValueType.INTEGER, ValueType.STRING,
            ValueType.BOOLEAN, ValueType.CONDITION);

    private static final Map<String, List<String>> CONNECTOR_FIELDS = Map.of(
            ConnectorBinding.OPCUA, List.of("type", "endpoint", "securityPolicy", "securityMode", "auth"),
            ConnectorBinding.MODBUS, List.of("type", "host", "port", "unitId", "pollIntervalMs"),
            ConnectorBinding.MTCONNECT, List.of("type", "agentUrl", "device"),
            ConnectorBinding.MQTT, List.of("type", "broker", "format", "shareGroup"));
    private static final Map<String, List<String>> AUTH_FIELDS = Map.of(
            OpcUaAuth.ANONYMOUS_TYPE, List.of("type"),
            OpcUaAuth.USERNAME_TYPE, List.of("type", "username", "passwordEnv"),
            OpcUaAuth.CERTIFICATE_TYPE, List.of("type", "certificateFile", "privateKeyFile"));
    private static final Map<String, List<String>> MAPPING_FIELDS = Map.of(
            ConnectorBinding.OPCUA, List.of("nodeId", "browsePath", "objectId", "methodId", "samplingIntervalMs",
                    "queueSize", "deadband"),
            ConnectorBinding.MODBUS, List.of("table", "address", "dataType", "byteOrder", "wordOrder", "scale",
                    "offset"),
            ConnectorBinding.MTCONNECT, List.of("dataItemId"),
            ConnectorBinding.MQTT, List.of("topic", "jsonPointer", "commandTopic"));

    /** What could be read. {@code asset} is set only when everything could. */
    record Parts(String id, String unsPath, String type, ConnectorBinding connector,
                 Map<Integer, DataItemDefinition> items, AssetDefinition asset, List<Violation> problems) {
    }

    private final boolean rejectUnknown;
    private final List<Violation> problems = new ArrayList<>();

    /** @param rejectUnknown true for files (strict); false for events, so a v1 reader tolerates added fields */
    private AssetReader(boolean rejectUnknown) {
        this.rejectUnknown = rejectUnknown;
    }

    static Parts read(JsonNode root, boolean rejectUnknown) {
        return new AssetReader(rejectUnknown).readRoot(root);
    }

    private Parts readRoot(JsonNode node) {
        List<Object> at = List.of();
        ObjectNode root = object(node, at);
        if (root == null) {
            return new Parts(null, null, null, null, Map.of(), null, problems);
        }
        known(root, at, ROOT_FIELDS);
        String apiVersion = text(root, at, "apiVersion", true);
        if (apiVersion != null && !AssetDefinition.API_VERSION.equals(apiVersion)) {
            problems.add(Violation.at("'" + apiVersion + "' is not supported; use '" + AssetDefinition.API_VERSION
                    + "'", "apiVersion"));
        }
        String kind = text(root, at, "kind", true);
        if (kind != null && !AssetDefinition.KIND.equals(kind)) {
            problems.add(Violation.at("'" + kind + "' is not supported; use '" + AssetDefinition.KIND + "'", "kind"));
        }
        String id = text(root, at, "id", true);
        String unsPath = text(root, at, "unsPath", true);
        String type = text(root, at, "type", true);
        String description = text(root, at, "description", false);
        ConnectorBinding connector = null;
        String connectorType = null;
        ObjectNode connectorNode = requiredObject(root, at, "connector");
        if (connectorNode != null) {
            connectorType = choice(connectorNode, List.of("connector"), "type", ConnectorBinding.TYPES, true);
            connector = connector(connectorNode, connectorType);
        }
        Map<Integer, DataItemDefinition> items = new TreeMap<>();
        boolean allItems = true;
        JsonNode list = root.get("dataItems");
        if (list == null || list.isNull()) {
            missing(at, "dataItems");
            allItems = false;
        } else if (!list.isArray()) {
            wrongType(List.of("dataItems"), "a list", list);
            allItems = false;
        } else {
            for (int i = 0; i < list.size(); i++) {
                DataItemDefinition item = item(list.get(i), List.of("dataItems", i), connectorType);
                if (item == null) {
                    allItems = false;
                } else {
                    items.put(i, item);
                }
            }
        }
        AssetDefinition asset = null;
        if (problems.isEmpty() && allItems && connector != null) {
            asset = new AssetDefinition(id, unsPath, type, description, connector, List.copyOf(items.values()));
        }
        return new Parts(id, unsPath, type, connector, Collections.unmodifiableMap(items), asset,
                List.copyOf(problems));
    }

    private ConnectorBinding connector(ObjectNode node, String type) {
        List<Object> at = List.of("connector");
        if (type == null) {
            known(node, at, List.copyOf(allFieldsOf(CONNECTOR_FIELDS)));
            return null;
        }
        known(node, at, CONNECTOR_FIELDS.get(type), "for connector type '" + type + "'");
        int before = problems.size();
        ConnectorBinding connector = null;
        if (ConnectorBinding.OPCUA.equals(type)) {
            connector = opcUaConnection(node, at);
        } else if (ConnectorBinding.MODBUS.equals(type)) {
            String host = text(node, at, "host", true);
            Long port = integer(node, at, "port", false, 1, 65535);
            Long unitId = integer(node, at, "unitId", false, 0, 255);
            Long pollIntervalMs = integer(node, at, "pollIntervalMs", false, ModbusConnection.MIN_POLL_INTERVAL_MS,
                    ModbusConnection.MAX_POLL_INTERVAL_MS);
            if (host != null) {
                connector = new ModbusConnection(host, port == null ? ModbusConnection.DEFAULT_PORT : port.intValue(),
                        unitId == null ? ModbusConnection.DEFAULT_UNIT_ID : unitId.intValue(),
                        pollIntervalMs == null ? ModbusConnection.DEFAULT_POLL_INTERVAL_MS : pollIntervalMs);
            }
        } else if (ConnectorBinding.MTCONNECT.equals(type)) {
            String agentUrl = text(node, at, "agentUrl", true);
            String device = text(node, at, "device", true);
            if (agentUrl != null && device != null) {
                connector = new MtConnectConnection(agentUrl, device);
            }
        } else if (ConnectorBinding.MQTT.equals(type)) {
            String broker = text(node, at, "broker", true);
            List<String> formats = Arrays.stream(MqttConnection.Format.values()).map(MqttConnection.Format::id)
                    .toList();
            String format = choice(node, at, "format", formats, true);
            String shareGroup = text(node, at, "shareGroup", false);
            if (broker != null && format != null) {
                connector = new MqttConnection(broker, MqttConnection.Format.of(format).orElseThrow(),
                        shareGroup == null ? MqttConnection.DEFAULT_SHARE_GROUP : shareGroup);
            }
        }
        return problems.size() == before ? connector : null;
    }

    private OpcUaConnection opcUaConnection(ObjectNode node, List<Object> at) {
        String endpoint = text(node, at, "endpoint", true);
        String policy = choice(node, at, "securityPolicy", OpcUaConnection.SecurityPolicy.ids(), false);
        String mode = choice(node, at, "securityMode", OpcUaConnection.SecurityMode.ids(), false);
        OpcUaAuth auth = OpcUaAuth.ANONYMOUS;
        JsonNode authNode = node.get("auth");
        if (authNode != null && !authNode.isNull()) {
            auth = opcUaAuth(authNode, append(at, "auth"));
        }
        if (endpoint == null || auth == null) {
            return null;
        }
        OpcUaConnection.SecurityPolicy securityPolicy = policy == null ? OpcUaConnection.SecurityPolicy.NONE
                : OpcUaConnection.SecurityPolicy.of(policy).orElseThrow();
        OpcUaConnection.SecurityMode securityMode = mode == null ? securityPolicy.defaultMode()
                : OpcUaConnection.SecurityMode.of(mode).orElseThrow();
        return new OpcUaConnection(endpoint, securityPolicy, securityMode, auth);
    }

    private OpcUaAuth opcUaAuth(JsonNode node, List<Object> at) {
        ObjectNode auth = object(node, at);
        if (auth == null) {
            return null;
        }
        if (rejectUnknown && auth.has("password")) {
            problems.add(new Violation(append(at, "password"), "passwords never go in asset files: put it in an "
                    + "environment variable (or MicroProfile Config property) and name that in 'passwordEnv'"));
        }
        String type = choice(auth, at, "type", OpcUaAuth.TYPES, true);
        if (type == null) {
            return null;
        }
        List<String> fields = AUTH_FIELDS.get(type);
        if (rejectUnknown) {
            for (Iterator<String> names = auth.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name) && !name.equals("password")) {
                    problems.add(new Violation(append(at, name), "unknown field '" + name + "' for auth type '" + type
                            + "' (known: " + fields + ")"));
                }
            }
        }
        int before = problems.size();
        OpcUaAuth read = null;
        if (OpcUaAuth.ANONYMOUS_TYPE.equals(type)) {
            read = OpcUaAuth.ANONYMOUS;
        } else if (OpcUaAuth.USERNAME_TYPE.equals(type)) {
            String username = text(auth, at, "username", true);
            String passwordEnv = text(auth, at, "passwordEnv", true);
            if (username != null && passwordEnv != null) {
                read = new OpcUaAuth.UserPassword(username, passwordEnv);
            }
        } else if (OpcUaAuth.CERTIFICATE_TYPE.equals(type)) {
            String certificateFile = text(auth, at, "certificateFile", true);
            String privateKeyFile = text(auth, at, "privateKeyFile", true);
            if (certificateFile != null && privateKeyFile != null) {
                read = new OpcUaAuth.UserCertificate(certificateFile, privateKeyFile);
            }
        }
        return problems.size() == before ? read : null;
    }

    private DataItemDefinition item(JsonNode node, List<Object> at, String connectorType) {
        ObjectNode item = object(node, at);
        if (item == null) {
            return null;
        }
        int before = problems.size();
        known(item, at, ITEM_FIELDS);
        String id = text(item, at, "id", true);
        Category category = enumeration(item, at, "category", Category.class, List.of(Category.values()), true);
        ValueType valueType = enumeration(item, at, "valueType", ValueType.class, DECLARABLE_TYPES, true);
        String units = text(item, at, "units", false);
        Limits limits = limits(item, at);
        Boolean writable = bool(item, at, "writable", false);

        DataItemSource source = null;
        boolean mapped = false;
        for (String key : ConnectorBinding.TYPES) {
            JsonNode mapping = item.get(key);
            if (mapping == null || mapping.isNull()) {
                continue;
            }
            DataItemSource read = mapping(key, mapping, append(at, key));
            if (connectorType == null) {
                continue; // the connector's own error is reported; which mapping is right is unknown
            }
            if (key.equals(connectorType)) {
                mapped = true;
                source = read;
            } else {
                problems.add(new Violation(append(at, key), "data item " + label(id, at) + " has a '" + key
                        + "' mapping, but the asset's connector type is '" + connectorType + "'"));
            }
        }
        if (connectorType != null && !mapped) {
            problems.add(new Violation(append(at, connectorType), "missing required field '" + connectorType
                    + "': data item " + label(id, at) + " maps to nothing (its mapping key must be the "
                    + "connector type '" + connectorType + "')"));
        }
        if (problems.size() != before || source == null) {
            return null;
        }
        return new DataItemDefinition(id, category, valueType, units, limits, writable != null && writable, source);
    }

    private Limits limits(ObjectNode item, List<Object> itemPath) {
        JsonNode node = item.get("limits");
        if (node == null || node.isNull()) {
            return null;
        }
        List<Object> at = append(itemPath, "limits");
        ObjectNode limits = object(node, at);
        if (limits == null) {
            return null;
        }
        known(limits, at, List.of("min", "max"));
        Double min = number(limits, at, "min", false);
        Double max = number(limits, at, "max", false);
        if (min == null && max == null) {
            if (!limits.has("min") && !limits.has("max")) {
                problems.add(new Violation(at, "limits need 'min', 'max' or both"));
            }
            return null;
        }
        return new Limits(min, max);
    }

    private DataItemSource mapping(String key, JsonNode node, List<Object> at) {
        ObjectNode mapping = object(node, at);
        if (mapping == null) {
            return null;
        }
        int before = problems.size();
        known(mapping, at, MAPPING_FIELDS.get(key));
        DataItemSource source = null;
        if (ConnectorBinding.OPCUA.equals(key)) {
            String nodeId = text(mapping, at, "nodeId", false);
            String browsePath = text(mapping, at, "browsePath", false);
            String objectId = text(mapping, at, "objectId", false);
            String methodId = text(mapping, at, "methodId", false);
            Long sampling = integer(mapping, at, "samplingIntervalMs", false, 0, Integer.MAX_VALUE);
            Long queueSize = integer(mapping, at, "queueSize", false, 1, Integer.MAX_VALUE);
            Double deadband = number(mapping, at, "deadband", false);
            if (deadband != null && deadband < 0) {
                problems.add(new Violation(append(at, "deadband"), "must be 0 or more"));
            }
            Integer samplingMs = sampling == null ? null : sampling.intValue();
            Integer queue = queueSize == null ? null : queueSize.intValue();
            if (problems.size() == before) {
                List<Violation> shape = OpcUaSource.shapeProblems(nodeId, browsePath, objectId, methodId, samplingMs,
                        queue, deadband);
                shape.forEach(v -> problems.add(v.under(at)));
                if (shape.isEmpty()) {
                    source = new OpcUaSource(nodeId, browsePath, objectId, methodId, samplingMs, queue, deadband);
                }
            }
        } else if (ConnectorBinding.MODBUS.equals(key)) {
            ModbusSource.Table table = enumeration(mapping, at, "table", ModbusSource.Table.class,
                    List.of(ModbusSource.Table.values()), true);
            Long address = integer(mapping, at, "address", true, 0, 65535);
            ModbusSource.DataType dataType = enumeration(mapping, at, "dataType", ModbusSource.DataType.class,
                    List.of(ModbusSource.DataType.values()), true);
            ModbusSource.Order byteOrder = enumeration(mapping, at, "byteOrder", ModbusSource.Order.class,
                    List.of(ModbusSource.Order.values()), false);
            ModbusSource.Order wordOrder = enumeration(mapping, at, "wordOrder", ModbusSource.Order.class,
                    List.of(ModbusSource.Order.values()), false);
            Double scale = number(mapping, at, "scale", false);
            Double offset = number(mapping, at, "offset", false);
            if (problems.size() == before) {
                source = new ModbusSource(table, address.intValue(), dataType,
                        byteOrder == null ? ModbusSource.Order.BIG_ENDIAN : byteOrder,
                        wordOrder == null ? ModbusSource.Order.BIG_ENDIAN : wordOrder,
                        scale == null ? 1.0 : scale, offset == null ? 0.0 : offset);
            }
        } else if (ConnectorBinding.MTCONNECT.equals(key)) {
            String dataItemId = text(mapping, at, "dataItemId", true);
            source = dataItemId == null ? null : new MtConnectSource(dataItemId);
        } else if (ConnectorBinding.MQTT.equals(key)) {
            // which of topic and commandTopic an item needs depends on its category and writability: the validator
            String topic = text(mapping, at, "topic", false);
            String pointer = text(mapping, at, "jsonPointer", false);
            String commandTopic = text(mapping, at, "commandTopic", false);
            if (topic == null && commandTopic == null && problems.size() == before) {
                problems.add(new Violation(at, "needs 'topic' (where values arrive), 'commandTopic' (where commands "
                        + "go) or both"));
            }
            source = problems.size() == before ? new MqttSource(topic, pointer, commandTopic) : null;
        }
        return problems.size() == before ? source : null;
    }

    // ---- typed fields; each records its own problem and returns null ----

    private ObjectNode object(JsonNode node, List<Object> at) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        if (node == null || node.isMissingNode()) {
            problems.add(new Violation(at, "the document is empty"));
        } else {
            wrongType(at, "a mapping of fields", node);
        }
        return null;
    }

    private ObjectNode requiredObject(ObjectNode parent, List<Object> at, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            missing(at, field);
            return null;
        }
        return object(node, append(at, field));
    }

    private String text(ObjectNode parent, List<Object> at, String field, boolean required) {
        JsonNode node = present(parent, at, field, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            wrongType(append(at, field), "a string", node);
            return null;
        }
        if (required && node.asText().isBlank()) {
            problems.add(new Violation(append(at, field), "must not be empty"));
            return null;
        }
        return node.asText();
    }

    private Long integer(ObjectNode parent, List<Object> at, String field, boolean required, long min, long max) {
        JsonNode node = present(parent, at, field, required);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            wrongType(append(at, field), "an integer", node);
            return null;
        }
        long value = node.asLong();
        if (value < min || value > max) {
            problems.add(new Violation(append(at, field), value + " is not in " + min + ".."
                    + (max == Integer.MAX_VALUE ? "2147483647" : Long.toString(max))));
            return null;
        }
        return value;
    }

    private Double number(ObjectNode parent, List<Object> at, String field, boolean required) {
        JsonNode node = present(parent, at, field, required);
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            wrongType(append(at, field), "a finite number", node);
            return null;
        }
        return node.asDouble();
    }

    private Boolean bool(ObjectNode parent, List<Object> at, String field, boolean required) {
        JsonNode node = present(parent, at, field, required);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            wrongType(append(at, field), "true or false", node);
            return null;
        }
        return node.asBoolean();
    }

    private String choice(ObjectNode parent, List<Object> at, String field, List<String> allowed,
                          boolean required) {
        JsonNode node = present(parent, at, field, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || !allowed.contains(node.asText())) {
            problems.add(new Violation(append(at, field), shown(node) + " is not one of " + allowed));
            return null;
        }
        return node.asText();
    }

    private <E extends Enum<E>> E enumeration(ObjectNode parent, List<Object> at, String field, Class<E> type,
                                              List<E> allowed, boolean required) {
        String name = choice(parent, at, field, allowed.stream().map(Enum::name).toList(), required);
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** The field's node, or null (with a problem if it is required) when it is absent or null. */
    private JsonNode present(ObjectNode parent, List<Object> at, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                missing(at, field);
            }
            return null;
        }
        return node;
    }

    private void known(ObjectNode node, List<Object> at, List<String> fields) {
        known(node, at, fields, null);
    }

    private void known(ObjectNode node, List<Object> at, List<String> fields, String context) {
        if (!rejectUnknown) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                problems.add(new Violation(append(at, name), "unknown field '" + name + "'"
                        + (context == null ? "" : " " + context) + " (known: " + fields + ")"));
            }
        }
    }

    private void missing(List<Object> at, String field) {
        problems.add(new Violation(append(at, field), "missing required field '" + field + "'"));
    }

    private void wrongType(List<Object> at, String expected, JsonNode found) {
        problems.add(new Violation(at, "must be " + expected + ", not " + kindOf(found) + " " + shown(found)));
    }

    private static String kindOf(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        } else if (node.isNumber()) {
            return "a number";
        } else if (node.isBoolean()) {
            return "a boolean";
        } else if (node.isArray()) {
            return "a list";
        } else if (node.isObject()) {
            return "a mapping";
        }
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value as it appeared, shortened: {@code 'FLOAT'}, {@code 12}, {@code {...}}. */
    private static String shown(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
        } else if (node.isContainerNode()) {
            return node.isArray() ? "[...]" : "{...}";
        }
        return node.toString();
    }

    private static String label(String itemId, List<Object> at) {
        return itemId == null ? YamlLines.format(at) : "'" + itemId + "'";
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }

    private static Set<String> allFieldsOf(Map<String, List<String>> byType) {
        Set<String> all = new LinkedHashSet<>();
        ConnectorBinding.TYPES.forEach(t -> all.addAll(byType.get(t)));
        return all;
    }
}
