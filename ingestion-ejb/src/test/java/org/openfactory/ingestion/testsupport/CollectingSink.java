package org.openfactory.ingestion.testsupport;

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

    private final Duration wait;
    private final List<SampleObserved> pending = new ArrayList<>();
    private final List<SampleObserved> all = new CopyOnWriteArrayList<>();

    public CollectingSink(Duration wait) {
        this.wait = wait;
    }

    @Override
    public synchronized void accept(URI source, SampleObserved sample) {
        pending.add(sample);
        all.add(sample);
        notifyAll();
    }

    public synchronized SampleObserved await(Predicate<SampleObserved> wanted) {
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
                fail("no matching sample within " + wait + "; received " + all);
            }
            try {
                wait(leftMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public synchronized void clear() {
        pending.clear();
        all.clear();
    }

    public List<SampleObserved> all() {
        return List.copyOf(all);
    }
}
