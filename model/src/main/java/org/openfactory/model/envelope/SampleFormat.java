package org.openfactory.model.envelope;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.openfactory.model.event.EventTypes;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/** The data of a sample event: the data item, its category and the typed value (never a number in a string). */
final class SampleFormat implements PayloadFormat<SampleObserved> {

    @Override
    public String type() {
        return EventTypes.SAMPLE_OBSERVED;
    }

    @Override
    public String subject(SampleObserved sample) {
        return sample.subject();
    }

    @Override
    public String partitionKey(SampleObserved sample) {
        return sample.assetId();
    }

    @Override
    public Instant time(SampleObserved sample) {
        return sample.observedAt();
    }

    @Override
    public ObjectNode toData(SampleObserved sample) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("assetId", sample.assetId());
        data.put("dataItemId", sample.dataItemId());
        data.put("category", sample.category().name());
        data.put("valueType", sample.value().type().name());
        Value value = sample.value();
        if (value instanceof Value.Number n) {
            data.put("value", n.value());
        } else if (value instanceof Value.Integer i) {
            data.put("value", i.value());
        } else if (value instanceof Value.Text t) {
            data.put("value", t.value());
        } else if (value instanceof Value.Bool b) {
            data.put("value", b.value());
        } else if (value instanceof Value.Condition c) {
            ObjectNode condition = data.putObject("value");
            condition.put("level", c.level().name());
            condition.put("nativeCode", c.nativeCode());
            condition.put("message", c.message());
        } else {
            data.putNull("value");
        }
        if (sample.units() != null) {
            data.put("units", sample.units());
        }
        return data;
    }

    @Override
    public SampleObserved fromData(String id, JsonNode data, Instant time) {
        String assetId = JsonFields.requiredText(id, data, "assetId");
        String dataItemId = JsonFields.requiredText(id, data, "dataItemId");
        Category category = JsonFields.enumOf(id, Category.class, JsonFields.requiredText(id, data, "category"),
                "category");
        ValueType type = JsonFields.enumOf(id, ValueType.class, JsonFields.requiredText(id, data, "valueType"),
                "valueType");
        Value value = valueOf(id, type, data.get("value"));
        return new SampleObserved(assetId, dataItemId, category, value, JsonFields.textOrNull(data.get("units")),
                time);
    }

    private static Value valueOf(String id, ValueType type, JsonNode node) {
        if (type == ValueType.UNAVAILABLE) {
            return Value.UNAVAILABLE;
        }
        if (node == null || node.isNull()) {
            throw new MalformedEventException("event " + id + ": data.value is missing for valueType " + type);
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
            throw new MalformedEventException("event " + id + ": data.value " + node + " is not a " + type);
        }
        return switch (type) {
            case DOUBLE -> new Value.Number(node.asDouble());
            case INTEGER -> new Value.Integer(node.asLong());
            case STRING -> new Value.Text(node.asText());
            case BOOLEAN -> new Value.Bool(node.asBoolean());
            case CONDITION -> new Value.Condition(
                    JsonFields.enumOf(id, ConditionLevel.class, node.get("level").asText(), "value.level"),
                    JsonFields.textOrNull(node.get("nativeCode")), JsonFields.textOrNull(node.get("message")));
            case UNAVAILABLE -> Value.UNAVAILABLE;
        };
    }
}
