package org.openfactory.ingestion.northbound.mqtt;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/**
 * JSON values to and from our typed {@link Value}, as the data item's declared {@link ValueType} says. Strict about
 * numbers and booleans (a string is never read as a number); a STRING item takes any scalar as its text. JSON
 * {@code null} is {@link Value#UNAVAILABLE}: the device says it has no value.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** @throws BadPayloadException when the JSON does not fit the declared type */
    public static Value toValue(JsonNode json, ValueType declared) throws BadPayloadException {
        if (json == null || json.isNull()) {
            return Value.UNAVAILABLE;
        }
        switch (declared) {
            case DOUBLE:
                if (json.isNumber()) {
                    return new Value.Number(json.doubleValue());
                }
                break;
            case INTEGER:
                if (json.isIntegralNumber() && json.canConvertToLong()) {
                    return new Value.Integer(json.longValue());
                }
                if (json.isFloatingPointNumber() && isWhole(json.doubleValue())) {
                    return new Value.Integer((long) json.doubleValue()); // 5.0 is 5; 5.5 is not an integer
                }
                break;
            case STRING:
                if (json.isValueNode()) {
                    return new Value.Text(json.asText());
                }
                break;
            case BOOLEAN:
                if (json.isBoolean()) {
                    return new Value.Bool(json.booleanValue());
                }
                break;
            case CONDITION:
                return condition(json);
            default:
                break;
        }
        throw new BadPayloadException(describe(json) + " is not a " + declared + " value");
    }

    /** The JSON form of a command's value. */
    public static JsonNode toJson(Value value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value instanceof Value.Number n) {
            return json.numberNode(n.value());
        }
        if (value instanceof Value.Integer i) {
            return json.numberNode(i.value());
        }
        if (value instanceof Value.Text t) {
            return json.textNode(t.value());
        }
        if (value instanceof Value.Bool b) {
            return json.booleanNode(b.value());
        }
        if (value instanceof Value.Condition c) {
            var node = json.objectNode();
            node.put("level", c.level().name());
            node.put("nativeCode", c.nativeCode());
            node.put("message", c.message());
            return node;
        }
        return json.nullNode();
    }

    /** For log lines: the JSON and its kind, e.g. {@code "abc" (string)}. */
    public static String describe(JsonNode json) {
        String text = json.toString();
        if (text.length() > 60) {
            text = text.substring(0, 60) + "...";
        }
        return text + " (" + json.getNodeType().name().toLowerCase(Locale.ROOT) + ")";
    }

    /** A level name, or {@code {"level": "FAULT", "nativeCode": "E12", "message": "..."}}. */
    private static Value condition(JsonNode json) throws BadPayloadException {
        JsonNode level = json.isObject() ? json.get("level") : json;
        if (level != null && level.isTextual()) {
            try {
                ConditionLevel parsed = ConditionLevel.valueOf(level.asText().toUpperCase(Locale.ROOT));
                return new Value.Condition(parsed, textOrNull(json, "nativeCode"), textOrNull(json, "message"));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new BadPayloadException(describe(json) + " is not a CONDITION value (a level NORMAL, WARNING, FAULT "
                + "or UNAVAILABLE, or an object with 'level', 'nativeCode', 'message')");
    }

    private static String textOrNull(JsonNode json, String field) {
        JsonNode node = json.isObject() ? json.get(field) : null;
        return node == null || node.isNull() ? null : node.asText();
    }

    private static boolean isWhole(double d) {
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p63;
    }
}
