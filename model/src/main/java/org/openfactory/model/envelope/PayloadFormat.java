package org.openfactory.model.envelope;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How one event type's payload maps to the CloudEvents attributes and the JSON {@code data}. */
public interface PayloadFormat<T> {

    /** The versioned CloudEvents type of this payload, e.g. {@code org.openfactory.sample.v1}. */
    String type(T payload);

    /** The CloudEvents types this format reads; more than one where a topic carries a closed set of events. */
    Set<String> types();

    String subject(T payload);

    /** The Kafka record key: the asset id. */
    String partitionKey(T payload);

    /** When the fact happened (CloudEvents {@code time}). */
    Instant time(T payload);

    ObjectNode toData(T payload);

    /**
     * @throws MalformedEventException naming the field that is missing or wrong
     */
    T fromData(String eventId, String type, JsonNode data, Instant time);
}
