package org.openfactory.bench.samples;

import java.time.Instant;

/**
 * The samples a benchmark produced, for the benchmarks that read them.
 *
 * @param events        events on the topic, numbered 0..events-1 in production order
 * @param midEvent      the event in the middle of the timeline
 * @param midObservedAt its device time: every event up to {@code midEvent}, and none after, was observed at or
 *                      before it (device times increase strictly in production order)
 */
public record SamplesOnLog(String topic, SampleSchedule schedule, long events, long bytes, long midEvent,
                           Instant midObservedAt) {
}
