package org.openfactory.ingestion.northbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.simulator.mqtt.MosquittoBroker;

/** Two platform instances (two client ids) in one share group split an asset's messages. */
@Timeout(60)
class MqttSharedSubscriptionTest {

    private static final int MESSAGES = 40;

    private final String prefix = MqttFixtures.uniquePrefix("meter-1");
    private final CollectingSink first = new CollectingSink();
    private final CollectingSink second = new CollectingSink();
    private MqttConnector a;
    private MqttConnector b;

    @AfterEach
    void tearDown() {
        for (MqttConnector c : new MqttConnector[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void eachMessageGoesToExactlyOneInstanceAndTogetherTheyGetAll() throws Exception {
        String broker = MosquittoBroker.sharedUrl();
        String group = "test-" + UUID.randomUUID().toString().substring(0, 8);
        AssetDefinition asset = MqttFixtures.meter(broker, prefix, group);
        a = MqttFixtures.connector(asset, first, MqttFixtures.settings());
        b = MqttFixtures.connector(asset, second, MqttFixtures.settings());
        assertTrue(a.subscriptionFilters().contains("$share/" + group + "/" + prefix + "/power"),
                a.subscriptionFilters().toString());
        a.start();
        b.start();
        Await.until(() -> a.isConnected() && b.isConnected(), "both instances connected");

        try (RawPublisher device = new RawPublisher(broker)) {
            for (int i = 0; i < MESSAGES; i++) {
                device.cloudEvent(prefix + "/power", Integer.toString(i), Instant.now());
            }
        }
        Await.until(() -> first.all().size() + second.all().size() >= MESSAGES, "all messages delivered");
        Thread.sleep(300); // a duplicate would arrive about now

        Set<Double> toFirst = values(first.all());
        Set<Double> toSecond = values(second.all());
        assertEquals(MESSAGES, first.all().size() + second.all().size(), "no message twice");
        Set<Double> union = new HashSet<>(toFirst);
        union.addAll(toSecond);
        assertEquals(MESSAGES, union.size(), "together every message");
        Set<Double> both = new HashSet<>(toFirst);
        both.retainAll(toSecond);
        assertTrue(both.isEmpty(), "delivered to both: " + both);
        assertFalse(toFirst.isEmpty(), "the first instance got a share");
        assertFalse(toSecond.isEmpty(), "the second instance got a share");
    }

    private static Set<Double> values(List<SampleObserved> samples) {
        Set<Double> values = new HashSet<>();
        for (SampleObserved s : samples) {
            values.add(((Value.Number) s.value()).value());
        }
        return values;
    }
}
