package org.openfactory.model.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/**
 * Typed values in event data: JSON numbers, strings and booleans as themselves (never a number in a string), a
 * condition as an object, unavailable as null. Value lists are arrays of {@code {"valueType", "value"}} objects.
 */
public final class ValueJson {

    private ValueJson() {
    }

    public static void put(ObjectNode data, String field, Value value) {
        if (value instanceof Value.Number n) {
            data.put(field, n.value());
        } else if (value instanceof Value.Integer i) {
            data.put(field, i.value());
        } else if (value instanceof Value.Text t) {
            data.put(field, t.value());
        } else if (value instanceof Value.Bool b) {
            data.put(field, b.value());
        } else if (value instanceof Value.Condition c) {
            ObjectNode condition = data.putObject(field);
            condition.put("level", c.level().name());
            condition.put("nativeCode", c.nativeCode());
            condition.put("message", c.message());
        } else {
            data.putNull(field);
        }
    }

    /**
     * @throws MalformedEventException naming the event and the field when the JSON does not hold a {@code type}
     */
    public static Value read(String eventId, ValueType type, JsonNode node, String field) {
        if (type == ValueType.UNAVAILABLE) {
            return Value.UNAVAILABLE;
        }
        if (node == null || node.isNull()) {
            throw new MalformedEventException("event " + eventId + ": data." + field + " is missing for valueType "
                    + type);
        }
        boolean fits = switch (type) {
            case DOUBLE -> node.isNumber();
            case INTEGER -> node.isIntegralNumber();
            case STRING -> node.isTextual();
            case BOOLEAN -> node.isBoolean();
            case CONDITION -> node.isObject() && node.hasNonNull("level");
            case UNAVAILABLE -> true;
        };
        if (!fits) {
            throw new MalformedEventException("event " + eventId + ": data." + field + " " + node + " is not a "
                    + type);
        }
        return switch (type) {
            case DOUBLE -> new Value.Number(node.asDouble());
            case INTEGER -> new Value.Integer(node.asLong());
            case STRING -> new Value.Text(node.asText());
            case BOOLEAN -> new Value.Bool(node.asBoolean());
            case CONDITION -> new Value.Condition(
                    JsonFields.enumOf(eventId, ConditionLevel.class, node.get("level").asText(), field + ".level"),
                    JsonFields.textOrNull(node.get("nativeCode")), JsonFields.textOrNull(node.get("message")));
            case UNAVAILABLE -> Value.UNAVAILABLE;
        };
    }

    public static void putList(ObjectNode data, String field, List<Value> values) {
        ArrayNode array = data.putArray(field);
        for (Value value : values) {
            ObjectNode element = JsonNodeFactory.instance.objectNode();
            element.put("valueType", value.type().name());
            put(element, "value", value);
            array.add(element);
        }
    }

    public static List<Value> readList(String eventId, JsonNode data, String field) {
        JsonNode array = data.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new MalformedEventException("event " + eventId + ": data." + field + " is not an array");
        }
        List<Value> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String at = field + "[" + i + "]";
            if (!element.isObject()) {
                throw new MalformedEventException("event " + eventId + ": data." + at + " is not an object");
            }
            ValueType type = JsonFields.enumOf(eventId, ValueType.class,
                    JsonFields.requiredText(eventId, element, "valueType"), at + ".valueType");
            values.add(read(eventId, type, element.get("value"), at + ".value"));
        }
        return values;
    }
}
