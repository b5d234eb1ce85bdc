package org.openfactory.registry.projection;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.Topic;
import org.openfactory.model.kafka.TopicProvisioner;
import org.openfactory.model.kafka.Topics;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;

/** Test support: a real broker, topics laid out like the samples topic, and samples written the platform's way. */
final class SampleLog {

    /** Held strongly because JUL forgets the levels of collected loggers. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private SampleLog() {
    }

    static KafkaBroker startBroker(Path dataDir) {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIET.add(logger);
        }
        return KafkaBroker.startOnFreePorts(dataDir);
    }

    /** Creates {@code name} with the samples topic's settings. */
    static void createTopic(KafkaBroker kafka, String name, int partitions) {
        Topic samples = Topics.all(partitions, Topics.DEFAULT_SAMPLES_RETENTION).stream()
                .filter(t -> t.name().equals(Topics.SAMPLES)).findFirst().orElseThrow();
        TopicProvisioner.ensure(kafka.bootstrapServers(), List.of(new Topic(name, partitions, samples.configs())),
                (short) 1, 30_000);
    }

    static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(EventRecords.producerProperties(kafka.bootstrapServers(), "test-producer"));
    }

    static Envelope<SampleObserved> envelope(String assetId, String dataItemId, Value value, Instant observedAt,
                                             Instant ingestedAt) {
        Category category = value instanceof Value.Number || value instanceof Value.Unavailable ? Category.SAMPLE
                : value instanceof Value.Condition ? Category.CONDITION : Category.EVENT;
        String units = value instanceof Value.Number ? "CELSIUS" : null;
        SampleObserved sample = new SampleObserved(assetId, dataItemId, category, value, units, observedAt);
        return EventCodecs.SAMPLE.envelope(URI.create("/openfactory/test/opcua/" + assetId), sample, ingestedAt);
    }

    static ProducerRecord<String, byte[]> record(String topic, Envelope<SampleObserved> event) {
        return EventRecords.record(topic, event.payload().assetId(), EventCodecs.SAMPLE.encode(event));
    }

    /** The same record stamped with {@code timestamp} instead of the send time, as a late producer would be. */
    static ProducerRecord<String, byte[]> stamped(ProducerRecord<String, byte[]> record, Instant timestamp) {
        return new ProducerRecord<>(record.topic(), null, timestamp.toEpochMilli(), record.key(), record.value(),
                record.headers());
    }

    static RecordMetadata sendNow(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record)
            throws Exception {
        return producer.send(record).get(30, TimeUnit.SECONDS);
    }

    static List<RecordMetadata> all(List<Future<RecordMetadata>> sent) throws Exception {
        List<RecordMetadata> done = new ArrayList<>(sent.size());
        for (Future<RecordMetadata> f : sent) {
            done.add(f.get(30, TimeUnit.SECONDS));
        }
        return done;
    }
}
