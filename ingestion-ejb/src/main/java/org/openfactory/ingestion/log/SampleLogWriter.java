package org.openfactory.ingestion.log;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.SampleEventCodec;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Appends observed samples to the samples topic as CloudEvents, keyed by asset id. */
public final class SampleLogWriter implements SampleSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SampleLogWriter.class);

    private final Producer<String, byte[]> producer;
    private final Clock clock;

    public SampleLogWriter(String bootstrapServers, String clientId, Clock clock) {
        this(new KafkaProducer<>(EventRecords.producerProperties(bootstrapServers, clientId)), clock);
    }

    SampleLogWriter(Producer<String, byte[]> producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    @Override
    public void accept(URI source, SampleObserved sample) {
        Envelope<SampleObserved> envelope = SampleEventCodec.envelope(source, sample, clock.instant());
        producer.send(EventRecords.record(Topics.SAMPLES, sample.assetId(), SampleEventCodec.encode(envelope)),
                (metadata, error) -> {
                    if (error != null) {
                        LOG.error("Could not append sample of asset {} data item {} to topic {}: {}",
                                sample.assetId(), sample.dataItemId(), Topics.SAMPLES, error.toString());
                    }
                });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
