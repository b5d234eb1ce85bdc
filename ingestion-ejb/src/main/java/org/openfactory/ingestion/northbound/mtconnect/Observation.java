package org.openfactory.ingestion.northbound.mtconnect;

import java.util.Objects;

import org.openfactory.model.value.Category;

/**
 * One observation of an MTConnectStreams document, as the agent wrote it; typing it is the converter's job, so one
 * odd observation does not spoil its document.
 *
 * @param category   from its container: Samples, Events or Condition
 * @param element    the element, e.g. {@code Position}, or for conditions the level: {@code Normal}, {@code Warning},
 *                   {@code Fault}, {@code Unavailable}
 * @param timestamp  the agent's {@code timestamp} attribute, unparsed
 * @param value      the element's text, stripped ({@code ""} when empty); for conditions the message
 * @param nativeCode a condition's code on the controller, or null
 */
public record Observation(String dataItemId, Category category, String element, String subType, long sequence,
                          String timestamp, String value, String nativeCode) {

    public Observation {
        Objects.requireNonNull(dataItemId, "dataItemId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(value, "value");
    }
}
