package org.openfactory.model.envelope;

import java.time.Instant;
import java.util.Set;

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
    public String type(SampleObserved payload) {
        return EventTypes.SAMPLE_OBSERVED;
    }

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.SAMPLE_OBSERVED);
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
        ValueJson.put(data, "value", sample.value());
        if (sample.units() != null) {
            data.put("units", sample.units());
        }
        return data;
    }

    @Override
    public SampleObserved fromData(String id, String eventType, JsonNode data, Instant time) {
        String assetId = JsonFields.requiredText(id, data, "assetId");
        String dataItemId = JsonFields.requiredText(id, data, "dataItemId");
        Category category = JsonFields.enumOf(id, Category.class, JsonFields.requiredText(id, data, "category"),
                "category");
        ValueType type = JsonFields.enumOf(id, ValueType.class, JsonFields.requiredText(id, data, "valueType"),
                "valueType");
        Value value = ValueJson.read(id, type, data.get("value"), "value");
        return new SampleObserved(assetId, dataItemId, category, value, JsonFields.textOrNull(data.get("units")),
                time);
    }
}
