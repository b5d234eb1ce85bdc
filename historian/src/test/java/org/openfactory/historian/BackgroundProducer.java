package org.openfactory.historian;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Value;

/** Test support: writes {@code total} distinct samples over several assets at a steady pace on its own thread. */
final class BackgroundProducer implements AutoCloseable {

    private static final List<String> ASSETS = List.of("tc-1", "tc-2", "press-1", "press-2", "press-3", "robot-1");

    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private final TestLog.Written written = new TestLog.Written();
    private volatile Exception failure;

    /** @param perMilli records sent per millisecond (a 1 ms pause after each group) */
    BackgroundProducer(KafkaBroker kafka, String topic, int total, int perMilli) {
        this.producer = TestLog.producer(kafka);
        this.thread = new Thread(() -> {
            try {
                Instant t0 = Instant.now().minusSeconds(60);
                List<Envelope<SampleObserved>> events = new ArrayList<>(total);
                List<Future<RecordMetadata>> acks = new ArrayList<>(total);
                for (int i = 0; i < total; i++) {
                    Envelope<SampleObserved> e = TestLog.sample(ASSETS.get(i % ASSETS.size()), "item-" + (i % 5),
                            i % 3 == 0 ? new Value.Integer(i) : new Value.Number(i / 10.0), t0.plusMillis(i),
                            Instant.now());
                    events.add(e);
                    acks.add(producer.send(TestLog.record(topic, e)));
                    if (i % perMilli == perMilli - 1) {
                        Thread.sleep(1);
                    }
                }
                for (int i = 0; i < total; i++) {
                    written.add(events.get(i), acks.get(i).get(30, TimeUnit.SECONDS));
                }
            } catch (Exception e) {
                failure = e;
            }
        }, "test-producer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until every record is acknowledged; what was written. */
    TestLog.Written awaitDone() throws Exception {
        thread.join(TimeUnit.SECONDS.toMillis(60));
        if (thread.isAlive()) {
            throw new AssertionError("the producer did not finish");
        }
        if (failure != null) {
            throw failure;
        }
        return written;
    }

    boolean isDone() {
        return !thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(60));
        producer.close();
    }
}
