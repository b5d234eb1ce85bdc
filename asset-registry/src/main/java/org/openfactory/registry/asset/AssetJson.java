package org.openfactory.registry.asset;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The canonical JSON form of an {@link AssetDefinition}: the asset file's own structure (so it validates against
 * {@code asset-v1.schema.json}), with fields in a fixed order, every default written out and absent optional fields
 * left out. Two equal definitions give byte-identical JSON, which makes it fit for event ids and diffs.
 */
public final class AssetJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AssetJson() {
    }

    public static ObjectNode toTree(AssetDefinition asset) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("apiVersion", AssetDefinition.API_VERSION);
        root.put("kind", AssetDefinition.KIND);
        root.put("id", asset.id());
        root.put("unsPath", asset.unsPath());
        root.put("type", asset.type());
        if (asset.description() != null) {
            root.put("description", asset.description());
        }
        writeConnector(root.putObject("connector"), asset.connector());
        var items = root.putArray("dataItems");
        for (DataItemDefinition item : asset.dataItems()) {
            ObjectNode node = items.addObject();
            node.put("id", item.id());
            node.put("category", item.category().name());
            node.put("valueType", item.valueType().name());
            if (item.units() != null) {
                node.put("units", item.units());
            }
            if (item.limits() != null) {
                ObjectNode limits = node.putObject("limits");
                if (item.limits().min() != null) {
                    limits.put("min", item.limits().min());
                }
                if (item.limits().max() != null) {
                    limits.put("max", item.limits().max());
                }
            }
            node.put("writable", item.writable());
            writeSource(node.putObject(item.source().connectorType()), item.source());
        }
        return root;
    }

    /** Compact canonical JSON text. */
    public static String toJson(AssetDefinition asset) {
        try {
            return JSON.writeValueAsString(toTree(asset));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write asset " + asset.id() + " as JSON", e);
        }
    }

    /**
     * Reads a definition from its JSON form. Fields this version does not know are ignored (a newer writer may add
     * optional ones); only the structure is checked, not the rules, so a definition once accepted always reads back.
     *
     * @throws AssetValidationException listing every structural problem, without file or line
     */
    public static AssetDefinition fromTree(JsonNode json) {
        AssetReader.Parts parts = AssetReader.read(json, false);
        if (parts.asset() == null) {
            throw new AssetValidationException(parts.problems().isEmpty()
                    ? List.of(new AssetProblem(null, 0, "", "not an asset definition"))
                    : parts.problems().stream().map(v -> AssetProblem.of(null, null, v)).toList());
        }
        return parts.asset();
    }

    private static void writeConnector(ObjectNode node, ConnectorBinding connector) {
        node.put("type", connector.type());
        if (connector instanceof OpcUaConnection opcua) {
            node.put("endpoint", opcua.endpoint());
            node.put("securityPolicy", opcua.securityPolicy().id());
            node.put("securityMode", opcua.securityMode().id());
            writeAuth(node.putObject("auth"), opcua.auth());
        } else if (connector instanceof ModbusConnection modbus) {
            node.put("host", modbus.host());
            node.put("port", modbus.port());
            node.put("unitId", modbus.unitId());
            node.put("pollIntervalMs", modbus.pollIntervalMs());
        } else if (connector instanceof MtConnectConnection mtconnect) {
            node.put("agentUrl", mtconnect.agentUrl());
            node.put("device", mtconnect.device());
        } else if (connector instanceof MqttConnection mqtt) {
            node.put("broker", mqtt.broker());
            node.put("format", mqtt.format().id());
            node.put("shareGroup", mqtt.shareGroup());
        }
    }

    /** Only where secrets are found (variable name, file path), never a secret itself: the record holds none. */
    private static void writeAuth(ObjectNode node, OpcUaAuth auth) {
        node.put("type", auth.type());
        if (auth instanceof OpcUaAuth.UserPassword user) {
            node.put("username", user.username());
            node.put("passwordEnv", user.passwordEnv());
        } else if (auth instanceof OpcUaAuth.UserCertificate certificate) {
            node.put("certificateFile", certificate.certificateFile());
            node.put("privateKeyFile", certificate.privateKeyFile());
        }
    }

    private static void writeSource(ObjectNode node, DataItemSource source) {
        if (source instanceof OpcUaSource opcua) {
            putIfSet(node, "nodeId", opcua.nodeId());
            putIfSet(node, "browsePath", opcua.browsePath());
            putIfSet(node, "objectId", opcua.objectId());
            putIfSet(node, "methodId", opcua.methodId());
            if (opcua.samplingIntervalMs() != null) {
                node.put("samplingIntervalMs", opcua.samplingIntervalMs());
            }
            if (opcua.queueSize() != null) {
                node.put("queueSize", opcua.queueSize());
            }
            if (opcua.deadband() != null) {
                node.put("deadband", opcua.deadband());
            }
        } else if (source instanceof ModbusSource modbus) {
            node.put("table", modbus.table().name());
            node.put("address", modbus.address());
            node.put("dataType", modbus.dataType().name());
            node.put("byteOrder", modbus.byteOrder().name());
            node.put("wordOrder", modbus.wordOrder().name());
            node.put("scale", modbus.scale());
            node.put("offset", modbus.offset());
        } else if (source instanceof MtConnectSource mtconnect) {
            node.put("dataItemId", mtconnect.dataItemId());
        } else if (source instanceof MqttSource mqtt) {
            putIfSet(node, "topic", mqtt.topic());
            putIfSet(node, "jsonPointer", mqtt.jsonPointer());
            putIfSet(node, "commandTopic", mqtt.commandTopic());
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
