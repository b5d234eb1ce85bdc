package org.openfactory.ingestion.northbound.modbus;

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
public final class CollectingSink implements SampleSink {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

    public synchronized SampleObserved await(Predicate<SampleObserved> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
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
                fail("no matching sample within " + WAIT + "; received " + all);
            }
            try {
                wait(leftMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The next sample of {@code dataItemId}. */
    public SampleObserved await(String dataItemId) {
        return await(s -> s.dataItemId().equals(dataItemId));
    }

    public synchronized void clear() {
        pending.clear();
        all.clear();
    }

    public List<SampleObserved> all() {
        return List.copyOf(all);
    }

    public List<SampleObserved> of(String dataItemId) {
        return all.stream().filter(s -> s.dataItemId().equals(dataItemId)).toList();
    }

    public List<URI> sources() {
        return List.copyOf(sources);
    }
}
