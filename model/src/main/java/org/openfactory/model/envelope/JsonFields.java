package org.openfactory.model.envelope;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading required fields of an event's data, with errors that name the event and the field. */
public final class JsonFields {

    private JsonFields() {
    }

    public static String requiredText(String eventId, JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedEventException("event " + eventId + ": data." + field + " is missing or not a string");
        }
        return node.asText();
    }

    public static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    public static <E extends Enum<E>> E enumOf(String eventId, Class<E> type, String name, String field) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + eventId + ": data." + field + " '" + name
                    + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
