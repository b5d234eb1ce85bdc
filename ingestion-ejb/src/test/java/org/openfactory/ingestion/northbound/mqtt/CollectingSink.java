package org.openfactory.ingestion.northbound.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.event.SampleObserved;

/** Keeps every sample; {@link #await} takes the oldest matching one not taken yet, waiting with a bound. */
final class CollectingSink implements SampleSink {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<SampleObserved> pending = new ArrayList<>();
    private final List<SampleObserved> all = new CopyOnWriteArrayList<>();
    private final List<URI> sources = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void accept(URI source, SampleObserved sample) {
        sources.add(source);
        pending.add(sample);
        all.add(sample);
        notifyAll();
    }

    SampleObserved await(Predicate<SampleObserved> wanted) {
        return await(wanted, WAIT);
    }

    synchronized SampleObserved await(Predicate<SampleObserved> wanted, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                SampleObserved next = it.next();
                if (wanted.test(next)) {
                    it.remove();
                    return next;
                }
            }
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                fail("no matching sample within " + wait + "; received " + all.size() + " in total: "
                        + all.subList(Math.max(0, all.size() - 5), all.size()));
            }
            try {
                wait(leftMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    SampleObserved await(String dataItemId) {
        return await(s -> s.dataItemId().equals(dataItemId));
    }

    synchronized void clear() {
        pending.clear();
        all.clear();
    }

    List<SampleObserved> all() {
        return List.copyOf(all);
    }

    List<URI> sources() {
        return List.copyOf(sources);
    }
}
