package org.openfactory.registry.plan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetJson;

/**
 * The fields in which two definitions of one asset differ, compared on their canonical JSON (so defaults written or
 * left out in a file make no difference). Names: {@code unsPath}, {@code connector.endpoint} ({@code connector} when
 * the connector type changed), {@code dataItems[temperature].units}, {@code dataItems[temperature].opcua.nodeId},
 * {@code dataItems[setpoint].limits}, {@code dataItems[x]} for an added or removed item, {@code dataItems} when
 * only the order of the items changed.
 */
public final class AssetDiff {

    private static final Set<String> IGNORED = Set.of("apiVersion", "kind");

    private AssetDiff() {
    }

    /** Changed fields in document order; empty when the definitions are equal. */
    public static List<String> changedFields(AssetDefinition before, AssetDefinition after) {
        List<String> changed = new ArrayList<>();
        JsonNode a = AssetJson.toTree(before);
        JsonNode b = AssetJson.toTree(after);
        for (String key : keys(a, b)) {
            JsonNode va = a.get(key);
            JsonNode vb = b.get(key);
            if (IGNORED.contains(key) || Objects.equals(va, vb)) {
                continue;
            }
            if (key.equals("dataItems")) {
                diffItems(va, vb, changed);
            } else if (key.equals("connector") && !va.get("type").equals(vb.get("type"))) {
                changed.add("connector");
            } else {
                diffObject(key, va, vb, changed);
            }
        }
        return changed;
    }

    private static void diffItems(JsonNode a, JsonNode b, List<String> changed) {
        Map<String, JsonNode> before = byId(a);
        Map<String, JsonNode> after = byId(b);
        for (Map.Entry<String, JsonNode> item : before.entrySet()) {
            JsonNode other = after.get(item.getKey());
            String path = "dataItems[" + item.getKey() + "]";
            if (other == null) {
                changed.add(path);
            } else {
                diffObject(path, item.getValue(), other, changed);
            }
        }
        for (String id : after.keySet()) {
            if (!before.containsKey(id)) {
                changed.add("dataItems[" + id + "]");
            }
        }
        List<String> commonBefore = before.keySet().stream().filter(after::containsKey).toList();
        List<String> commonAfter = after.keySet().stream().filter(before::containsKey).toList();
        if (!commonBefore.equals(commonAfter)) {
            changed.add("dataItems");
        }
    }

    /** Leaves by path; {@code limits} counts as one value (its bounds belong together). */
    private static void diffObject(String path, JsonNode a, JsonNode b, List<String> changed) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a == null || b == null || !a.isObject() || !b.isObject() || path.endsWith(".limits")) {
            changed.add(path);
            return;
        }
        for (String key : keys(a, b)) {
            diffObject(path + "." + key, a.get(key), b.get(key), changed);
        }
    }

    private static Set<String> keys(JsonNode a, JsonNode b) {
        Set<String> keys = new LinkedHashSet<>();
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private static Map<String, JsonNode> byId(JsonNode items) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        items.forEach(item -> byId.put(item.get("id").asText(), item));
        return byId;
    }
}
