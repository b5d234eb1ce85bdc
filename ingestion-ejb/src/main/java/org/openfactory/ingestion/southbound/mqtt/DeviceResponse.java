package org.openfactory.ingestion.southbound.mqtt;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openfactory.ingestion.northbound.mqtt.BadPayloadException;
import org.openfactory.ingestion.northbound.mqtt.JsonValues;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/**
 * A device's answer to a command, on the connector's response topic with the command's correlation data:
 * {@code {"status":"ok"}}, {@code {"status":"ok","outputs":[...]}} for a method, or
 * {@code {"status":"error","reason":"..."}}.
 *
 * @param outputs the method's outputs as JSON, empty when the answer has none
 */
public record DeviceResponse(boolean ok, String reason, List<JsonNode> outputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public DeviceResponse {
        outputs = List.copyOf(outputs);
    }

    /** @throws BadPayloadException when the answer is not one of the forms above */
    public static DeviceResponse parse(byte[] payload) throws BadPayloadException {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new BadPayloadException("the answer is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new BadPayloadException("the answer is not a JSON object with a 'status'");
        }
        JsonNode status = root.get("status");
        String reason = root.hasNonNull("reason") ? root.get("reason").asText() : null;
        if (status != null && "ok".equals(status.asText())) {
            JsonNode outputs = root.get("outputs");
            List<JsonNode> list = new ArrayList<>();
            if (outputs != null && !outputs.isNull()) {
                if (!outputs.isArray()) {
                    throw new BadPayloadException("the answer's 'outputs' is not a JSON array");
                }
                outputs.forEach(list::add);
            }
            return new DeviceResponse(true, reason, list);
        }
        if (status != null && "error".equals(status.asText())) {
            return new DeviceResponse(false, reason == null ? "the device gave no reason" : reason, List.of());
        }
        throw new BadPayloadException("the answer's 'status' is " + status + ", not \"ok\" or \"error\"");
    }

    /** The outputs typed as the METHOD data item's declared result type. */
    public List<Value> outputsAs(ValueType type) throws BadPayloadException {
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            try {
                values.add(JsonValues.toValue(outputs.get(i), type));
            } catch (BadPayloadException e) {
                throw new BadPayloadException("output " + i + ": " + e.getMessage(), e);
            }
        }
        return values;
    }
}
