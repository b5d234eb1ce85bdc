package org.openfactory.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.openfactory.model.kafka.EventRecords;

class EventRecordsTest {

    @Test
    void producersAreIdempotentAndWaitForAllReplicas() {
        Properties props = EventRecords.producerProperties("127.0.0.1:9092", "test");
        assertEquals(true, props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
    }

    @Test
    void recordsAreKeyedByAssetAndMarkedAsStructuredCloudEvents() {
        ProducerRecord<String, byte[]> record = EventRecords.record("t", "tc-1", new byte[] {'{', '}'});
        assertEquals("tc-1", record.key());
        assertEquals("application/cloudevents+json; charset=UTF-8",
                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
    }
}
