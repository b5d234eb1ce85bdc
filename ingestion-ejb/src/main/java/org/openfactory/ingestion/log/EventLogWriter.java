package org.openfactory.ingestion.log;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.openfactory.ingestion.northbound.AvailabilitySink;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.ingestion.southbound.CommandResultSink;
import org.openfactory.model.command.CommandResult;
import org.openfactory.model.envelope.CloudEventCodec;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.AvailabilityChanged;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Appends what connectors observe to the log as CloudEvents, keyed by asset id. One producer for all. */
public final class EventLogWriter implements SampleSink, AvailabilitySink, CommandResultSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventLogWriter.class);

    private final Producer<String, byte[]> producer;
    private final Clock clock;

    public EventLogWriter(String bootstrapServers, String clientId, Clock clock) {
        this(new KafkaProducer<>(EventRecords.producerProperties(bootstrapServers, clientId)), clock);
    }

    EventLogWriter(Producer<String, byte[]> producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    @Override
    public void accept(URI source, SampleObserved sample) {
        append(Topics.SAMPLES, EventCodecs.SAMPLE, source, sample, sample.assetId(),
                "data item " + sample.dataItemId());
    }

    @Override
    public void accept(URI source, AvailabilityChanged event) {
        append(Topics.AVAILABILITY, EventCodecs.AVAILABILITY, source, event, event.assetId(),
                "availability " + event.availability());
    }

    @Override
    public CompletableFuture<Void> append(URI source, CommandResult result) {
        CloudEventCodec<CommandResult> codec = EventCodecs.COMMAND_RESULT;
        byte[] value = codec.encode(codec.envelope(source, result, clock.instant()));
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            producer.send(EventRecords.record(Topics.COMMAND_RESULTS, result.assetId(), value), (metadata, error) -> {
                if (error != null) {
                    written.completeExceptionally(error);
                } else {
                    written.complete(null);
                }
            });
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    private <T> void append(String topic, CloudEventCodec<T> codec, URI source, T payload, String assetId,
                            String what) {
        byte[] value = codec.encode(codec.envelope(source, payload, clock.instant()));
        producer.send(EventRecords.record(topic, assetId, value), (metadata, error) -> {
            if (error != null) {
                LOG.error("Could not append {} of asset {} to topic {}: {}", what, assetId, topic, error.toString());
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
