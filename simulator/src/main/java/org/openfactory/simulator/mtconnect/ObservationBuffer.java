package org.openfactory.simulator.mtconnect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's ring buffer: every observation gets the next sequence number; once full, the oldest falls out, so
 * {@code firstSequence} moves on. Also keeps the latest observation of each data item for {@code /current}.
 */
final class ObservationBuffer {

    private final int capacity;
    private final ArrayDeque<RecordedObservation> ring;
    private final Map<String, RecordedObservation> latest = new LinkedHashMap<>();
    private long nextSequence = 1;

    ObservationBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer size must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    int capacity() {
        return capacity;
    }

    synchronized RecordedObservation add(Reading reading, Instant timestamp) {
        var observation = new RecordedObservation(nextSequence++, timestamp, reading);
        if (ring.size() == capacity) {
            ring.removeFirst();
        }
        ring.addLast(observation);
        latest.put(reading.dataItemId(), observation);
        notifyAll();
        return observation;
    }

    synchronized Window window() {
        return new Window(firstSequence(), nextSequence - 1, nextSequence);
    }

    /** The latest observation of every data item, in sequence order, with the buffer's window. */
    synchronized Slice current() {
        List<RecordedObservation> values = new ArrayList<>(latest.values());
        values.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        return new Slice(values, window(), nextSequence);
    }

    /**
     * Up to {@code count} observations from sequence {@code from}; the caller checks {@code from} against the
     * window first.
     */
    synchronized Slice since(long from, int count) {
        List<RecordedObservation> found = new ArrayList<>();
        for (RecordedObservation o : ring) {
            if (o.sequence() >= from) {
                if (found.size() == count) {
                    break;
                }
                found.add(o);
            }
        }
        long next = found.isEmpty() ? Math.max(from, firstSequence()) : found.get(found.size() - 1).sequence() + 1;
        return new Slice(found, window(), next);
    }

    /** Everything still in the buffer from {@code from} on. */
    synchronized List<RecordedObservation> history(long from) {
        return since(from, Integer.MAX_VALUE).observations();
    }

    /** Waits until an observation with a sequence of at least {@code sequence} exists, or the time is up. */
    synchronized void awaitSequence(long sequence, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (nextSequence <= sequence) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /** Wakes the waiting streams, so they notice a request to drop or to send something. */
    synchronized void wakeUp() {
        notifyAll();
    }

    private long firstSequence() {
        return ring.isEmpty() ? nextSequence : ring.getFirst().sequence();
    }

    /** The buffer's sequence range as a header tells it. */
    record Window(long firstSequence, long lastSequence, long nextSequence) {
    }

    /**
     * @param nextSequence where a client continues after these observations
     */
    record Slice(List<RecordedObservation> observations, Window window, long nextSequence) {
        Slice {
            observations = List.copyOf((Collection<RecordedObservation>) observations);
        }
    }
}
