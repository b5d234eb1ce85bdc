package org.openfactory.model.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openfactory.model.envelope.CloudEventCodec;

/**
 * How events sit in Kafka records (CloudEvents Kafka protocol binding, structured mode) and the client settings
 * every producer and consumer of the platform uses.
 */
public final class EventRecords {

    public static final String CONTENT_TYPE_HEADER = "content-type";

    private EventRecords() {
    }

    /** A structured-mode record: key = asset id, value = the CloudEvent as JSON, header content-type. */
    public static ProducerRecord<String, byte[]> record(String topic, String assetId, byte[] cloudEventJson) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, assetId, cloudEventJson);
        record.headers().add(CONTENT_TYPE_HEADER,
                (CloudEventCodec.CONTENT_TYPE + "; charset=UTF-8").getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Nothing is lost, nothing is doubled by retries: idempotence with acks=all. */
    public static Properties producerProperties(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a send waits at most this long for a broker it has never reached; shutdown must not hang on a dead one
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        // registry events are kilobytes each: the 16 KB default would send a handful per request
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** A consumer that reads committed data only and is placed on partitions by its owner (no group). */
    public static Properties replayConsumerProperties(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
