package org.openfactory.ingestion.northbound.mqtt;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one MQTT message says, before it is split into data items.
 *
 * @param data       the JSON the values are taken from (a CloudEvent's data, or the whole plain JSON payload)
 * @param observedAt the device's time of the observation, else the time the message was received
 */
public record Reading(JsonNode data, Instant observedAt) {

    public Reading {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
