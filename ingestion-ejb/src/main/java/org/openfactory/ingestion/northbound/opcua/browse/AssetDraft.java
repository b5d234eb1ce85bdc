package org.openfactory.ingestion.northbound.opcua.browse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.OpcUaAuth;
import org.openfactory.registry.asset.OpcUaConnection;

/**
 * Writes browsed nodes as an {@code openfactory/v1} asset file: one data item per variable or method, in the
 * order found; what was left out is listed as comments, so the draft explains itself to its reviewer.
 */
final class AssetDraft {

    /**
     * What the asset file says besides its data items.
     *
     * @param startNode where browsing began, for the header
     * @param depth     how deep it went, for the header
     */
    record Header(String assetId, String unsPath, String type, OpcUaConnection connection, String startNode,
                  int depth, Instant browsedAt) {
        Header {
            Objects.requireNonNull(assetId, "assetId");
            Objects.requireNonNull(unsPath, "unsPath");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(connection, "connection");
        }
    }

    private AssetDraft() {
    }

    static String yaml(Header header, List<BrowsedNode> nodes) {
        var out = new StringBuilder();
        out.append("# Drafted by 'openfactory opcua browse' from ").append(header.connection().endpoint())
                .append("\n# at ").append(header.browsedAt().truncatedTo(ChronoUnit.SECONDS))
                .append(", start node ").append(header.startNode()).append(", depth ").append(header.depth())
                .append(".\n# Review before applying: ids, categories, units and limits are guesses from the "
                        + "address space.\n")
                .append("# Format openfactory/v1 (docs/assets.md).\n");
        out.append("apiVersion: ").append(AssetDefinition.API_VERSION).append('\n');
        out.append("kind: ").append(AssetDefinition.KIND).append('\n');
        out.append("id: ").append(quote(header.assetId())).append('\n');
        out.append("unsPath: ").append(quote(header.unsPath())).append('\n');
        out.append("type: ").append(quote(header.type())).append('\n');
        connector(out, header.connection());

        var ids = new DataItemIds();
        var items = new StringBuilder();
        var skipped = new StringBuilder();
        for (BrowsedNode node : nodes) {
            if (node instanceof BrowsedNode.Variable variable) {
                variable(items, ids.idFor(variable.browseName()), variable);
            } else if (node instanceof BrowsedNode.Method method) {
                method(items, ids.idFor(method.browseName()), method);
            } else if (node instanceof BrowsedNode.Condition condition) {
                condition(items, ids.idFor(condition.browseName()), condition);
            } else if (node instanceof BrowsedNode.Skipped skip) {
                skipped.append("#   ").append(comment(skip.nodeId())).append(" (")
                        .append(comment(skip.browseName())).append("): ").append(comment(skip.reason())).append('\n');
            }
        }
        out.append(items.isEmpty() ? "dataItems: []\n" : "dataItems:\n").append(items);
        if (!skipped.isEmpty()) {
            out.append("# Left out:\n").append(skipped);
        }
        return out.toString();
    }

    private static void connector(StringBuilder out, OpcUaConnection connection) {
        out.append("connector:\n  type: opcua\n  endpoint: ").append(quote(connection.endpoint())).append('\n');
        if (connection.securityPolicy() != OpcUaConnection.SecurityPolicy.NONE) {
            out.append("  securityPolicy: ").append(connection.securityPolicy().id()).append('\n');
            out.append("  securityMode: ").append(connection.securityMode().id()).append('\n');
        }
        OpcUaAuth auth = connection.auth();
        if (auth instanceof OpcUaAuth.UserPassword user) {
            out.append("  auth:\n    type: username\n    username: ").append(quote(user.username()))
                    .append("\n    passwordEnv: ").append(quote(user.passwordEnv())).append('\n');
        } else if (auth instanceof OpcUaAuth.UserCertificate certificate) {
            out.append("  auth:\n    type: certificate\n    certificateFile: ")
                    .append(quote(certificate.certificateFile())).append("\n    privateKeyFile: ")
                    .append(quote(certificate.privateKeyFile())).append('\n');
        }
    }

    private static void variable(StringBuilder out, String id, BrowsedNode.Variable variable) {
        boolean numeric = variable.valueType() == ValueType.DOUBLE || variable.valueType() == ValueType.INTEGER;
        out.append("  - id: ").append(id).append("  # ").append(comment(variable.browseName())).append(", ")
                .append(variable.dataTypeName()).append('\n');
        out.append("    category: ").append(numeric ? Category.SAMPLE : Category.EVENT).append('\n');
        out.append("    valueType: ").append(variable.valueType()).append('\n');
        if (variable.units() != null) {
            out.append("    units: ").append(quote(variable.units())).append('\n');
        }
        if (variable.limits() != null) {
            out.append("    limits: {");
            String separator = " ";
            if (variable.limits().min() != null) {
                out.append(separator).append("min: ").append(number(variable.limits().min()));
                separator = ", ";
            }
            if (variable.limits().max() != null) {
                out.append(separator).append("max: ").append(number(variable.limits().max()));
            }
            out.append(" }\n");
        }
        out.append("    writable: ").append(variable.writable()).append('\n');
        out.append("    opcua: { nodeId: ").append(quote(variable.nodeId())).append(" }\n");
    }

    private static void condition(StringBuilder out, String id, BrowsedNode.Condition condition) {
        out.append("  - id: ").append(id).append("  # alarm ").append(comment(condition.browseName()))
                .append(", from the events of its notifier\n");
        out.append("    category: CONDITION\n    valueType: CONDITION\n");
        out.append("    opcua: { nodeId: ").append(quote(condition.nodeId())).append(" }\n");
    }

    private static void method(StringBuilder out, String id, BrowsedNode.Method method) {
        out.append("  - id: ").append(id).append("  # method ").append(comment(method.browseName()));
        if (method.resultType() == null) {
            out.append("; no output the format carries: valueType is a placeholder");
        }
        out.append('\n');
        out.append("    category: METHOD\n");
        out.append("    valueType: ").append(method.resultType() == null ? ValueType.BOOLEAN : method.resultType())
                .append('\n');
        out.append("    opcua: { objectId: ").append(quote(method.objectId())).append(", methodId: ")
                .append(quote(method.nodeId())).append(" }\n");
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** Text that stays inside one YAML comment line. */
    private static String comment(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}]", " ");
    }

    /** A YAML double-quoted scalar: always safe, whatever the node id or name holds. */
    static String quote(String text) {
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
