package org.openfactory.bench.samples;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.openfactory.bench.Progress;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;

/**
 * Writes scheduled samples the way a connector does: the real envelope (CloudEvents structured JSON), keyed by
 * asset id, through the platform's producer settings (idempotent, acks=all, lz4, 5 ms linger). Device times are the
 * wall clock, made strictly increasing in production order.
 */
final class SampleProducer {

    /** What a production wrote. */
    record Outcome(long events, long bytes, long nanos, long failed, Throwable firstFailure, long midEvent,
                   Instant midObservedAt) {
    }

    private final String bootstrapServers;
    private final SampleSchedule schedule;

    SampleProducer(String bootstrapServers, SampleSchedule schedule) {
        this.bootstrapServers = bootstrapServers;
        this.schedule = schedule;
    }

    /** Encodes and sends events {@code 0..events-1} to {@code topic}, and returns once all are acknowledged. */
    Outcome produce(String topic, long events, String progressName) {
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        Progress progress = new Progress(progressName, "produced to " + topic, events);
        long midEvent = events / 2;
        Instant midObservedAt = null;
        Instant last = Instant.EPOCH;
        long bytes = 0;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                EventRecords.producerProperties(bootstrapServers, "openfactory-bench-" + progressName))) {
            for (long k = 0; k < events; k++) {
                Instant observedAt = Instant.now();
                if (!observedAt.isAfter(last)) {
                    observedAt = last.plusNanos(1);
                }
                last = observedAt;
                if (k == midEvent) {
                    midObservedAt = observedAt;
                }
                SampleObserved sample = schedule.sample(k, observedAt);
                Envelope<SampleObserved> envelope = EventCodecs.SAMPLE.envelope(schedule.sourceOf(k), sample,
                        observedAt);
                byte[] value = EventCodecs.SAMPLE.encode(envelope);
                bytes += value.length;
                producer.send(EventRecords.record(topic, sample.assetId(), value), (metadata, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
                progress.at(k + 1);
            }
            producer.flush();
        }
        return new Outcome(events, bytes, System.nanoTime() - t0, failed.get(), firstFailure.get(), midEvent,
                midObservedAt);
    }
}
