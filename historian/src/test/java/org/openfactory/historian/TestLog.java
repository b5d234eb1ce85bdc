package org.openfactory.historian;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

/** Test support: a real broker, topics laid out like the samples topic, samples written the platform's way. */
final class TestLog {

    /** Held strongly because JUL forgets the levels of collected loggers. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private TestLog() {
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

    static Envelope<SampleObserved> sample(String assetId, String dataItemId, Value value, Instant observedAt,
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

    /** The same record stamped with {@code timestamp} instead of the send time. */
    static ProducerRecord<String, byte[]> stamped(ProducerRecord<String, byte[]> record, Instant timestamp) {
        return new ProducerRecord<>(record.topic(), null, timestamp.toEpochMilli(), record.key(), record.value(),
                record.headers());
    }

    static RecordMetadata send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record)
            throws Exception {
        return producer.send(record).get(30, TimeUnit.SECONDS);
    }

    /** The row the historian must hold for an event written at {@code where}. */
    static HistoryRow rowOf(Envelope<SampleObserved> e, RecordMetadata where) {
        SampleObserved s = e.payload();
        return new HistoryRow(e.id(), e.source().toString(), s.assetId(), s.dataItemId(), s.category(), s.value(),
                s.units(), s.observedAt(), e.ingestedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                where.partition(), where.offset());
    }

    /**
     * What was written, in the order it was acknowledged; {@link #expectedRows()} keeps the first copy of each
     * event id, as the table does.
     */
    static final class Written {
        private final List<HistoryRow> all = new ArrayList<>();

        synchronized void add(Envelope<SampleObserved> e, RecordMetadata where) {
            all.add(rowOf(e, where));
        }

        synchronized int size() {
            return all.size();
        }

        /** By partition and offset, first copy of each id only. */
        synchronized List<HistoryRow> expectedRows() {
            List<HistoryRow> sorted = new ArrayList<>(all);
            sorted.sort(java.util.Comparator.comparingInt(HistoryRow::partition)
                    .thenComparingLong(HistoryRow::offset));
            Set<String> seen = new HashSet<>();
            List<HistoryRow> rows = new ArrayList<>();
            for (HistoryRow row : sorted) {
                if (seen.add(row.eventId())) {
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
