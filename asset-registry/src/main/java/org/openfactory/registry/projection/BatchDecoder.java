package org.openfactory.registry.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.openfactory.model.envelope.Envelope;

/**
 * Decodes the values of one poll on several threads. Decoding is a pure function of the bytes and costs far more
 * than applying, so the follower decodes a batch in parallel, then applies the results on its own thread in log
 * order: the projection sees exactly the sequence it would see decoding one by one.
 */
final class BatchDecoder<T> implements AutoCloseable {

    /** Below this many records (live following), handing work to another thread costs more than it saves. */
    static final int MIN_PARALLEL_BATCH = 256;

    private final Function<byte[], Envelope<T>> decoder;
    private final int threads;
    private final ExecutorService workers;

    BatchDecoder(Function<byte[], Envelope<T>> decoder, int threads, String name) {
        this.decoder = decoder;
        this.threads = Math.max(1, threads);
        if (this.threads == 1) {
            this.workers = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(this.threads - 1, r -> {
                Thread t = new Thread(r, name + "-decode-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /**
     * @return per value, in order: the event, the {@link RuntimeException} its decoding threw, or null for a null
     *         value (a tombstone)
     */
    Object[] decode(List<byte[]> values) {
        int size = values.size();
        Object[] results = new Object[size];
        if (workers == null || size < MIN_PARALLEL_BATCH) {
            decode(values, results, 0, size);
            return results;
        }
        List<Future<?>> pending = new ArrayList<>(threads - 1);
        int slice = (size + threads - 1) / threads;
        for (int from = slice; from < size; from += slice) {
            int start = from;
            int end = Math.min(size, from + slice);
            pending.add(workers.submit(() -> decode(values, results, start, end)));
        }
        decode(values, results, 0, Math.min(size, slice)); // this thread takes the first slice
        for (Future<?> f : pending) {
            await(f);
        }
        return results; // Future.get orders the workers' writes before our reads
    }

    private void decode(List<byte[]> values, Object[] results, int from, int to) {
        for (int i = from; i < to; i++) {
            byte[] value = values.get(i);
            if (value == null) {
                continue;
            }
            try {
                results[i] = decoder.apply(value);
            } catch (RuntimeException e) {
                results[i] = e;
            }
        }
    }

    private static void await(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // finish the batch; the follower sees the interrupt at its next poll
            } catch (ExecutionException e) {
                throw new IllegalStateException("decoding thread failed", e.getCause()); // decode catches all
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
