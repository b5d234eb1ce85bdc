package org.openfactory.model.envelope;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.openfactory.model.event.AvailabilityChanged;
import org.openfactory.model.event.EventTypes;
import org.openfactory.model.value.Availability;

/** The data of an availability event: the asset, AVAILABLE or UNAVAILABLE, and why. */
final class AvailabilityFormat implements PayloadFormat<AvailabilityChanged> {

    @Override
    public String type(AvailabilityChanged payload) {
        return EventTypes.AVAILABILITY_CHANGED;
    }

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.AVAILABILITY_CHANGED);
    }

    @Override
    public String subject(AvailabilityChanged event) {
        return event.assetId();
    }

    @Override
    public String partitionKey(AvailabilityChanged event) {
        return event.assetId();
    }

    @Override
    public Instant time(AvailabilityChanged event) {
        return event.observedAt();
    }

    @Override
    public ObjectNode toData(AvailabilityChanged event) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("assetId", event.assetId());
        data.put("availability", event.availability().name());
        data.put("reason", event.reason());
        return data;
    }

    @Override
    public AvailabilityChanged fromData(String id, String type, JsonNode data, Instant time) {
        return new AvailabilityChanged(JsonFields.requiredText(id, data, "assetId"),
                JsonFields.enumOf(id, Availability.class, JsonFields.requiredText(id, data, "availability"),
                        "availability"),
                JsonFields.textOrNull(data.get("reason")), time);
    }
}
