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
 * Decodes the values of a poll on worker threads while the follower polls the next one. Decoding is a pure function
 * of the bytes and costs more than polling or applying, so the follower hands a big batch over, polls, then applies
 * the decoded batch on its own thread in log order: the projection sees exactly the sequence it would see decoding
 * one record at a time.
 */
final class BatchDecoder<T> implements AutoCloseable {

    /** Below this many records (live following), handing work to another thread costs more than it saves. */
    static final int MIN_PARALLEL_BATCH = 256;

    private final Function<byte[], Envelope<T>> decoder;
    private final int workerCount;
    private final ExecutorService workers;

    /**
     * @param threads the threads decoding may use, the follower's own among them: with 1, decoding happens on the
     *                follower's thread; with n > 1, on n - 1 workers, the follower keeping one core to poll and apply
     */
    BatchDecoder(Function<byte[], Envelope<T>> decoder, int threads, String name) {
        this.decoder = decoder;
        this.workerCount = Math.max(0, threads - 1);
        if (workerCount == 0) {
            this.workers = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(workerCount, r -> {
                Thread t = new Thread(r, name + "-decode-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Starts decoding; a small batch, or any batch without workers, is decoded before this returns. */
    Batch submit(List<byte[]> values) {
        Object[] results = new Object[values.size()];
        if (workers == null || values.size() < MIN_PARALLEL_BATCH) {
            decode(values, results, 0, values.size());
            return new Batch(results, List.of());
        }
        List<Future<?>> pending = new ArrayList<>(workerCount);
        int slice = (values.size() + workerCount - 1) / workerCount;
        for (int from = 0; from < values.size(); from += slice) {
            int start = from;
            int end = Math.min(values.size(), from + slice);
            pending.add(workers.submit(() -> decode(values, results, start, end)));
        }
        return new Batch(results, pending);
    }

    /** A batch being decoded. */
    final class Batch {
        private final Object[] results;
        private final List<Future<?>> pending;

        private Batch(Object[] results, List<Future<?>> pending) {
            this.results = results;
            this.pending = pending;
        }

        boolean isAsync() {
            return !pending.isEmpty();
        }

        /**
         * @return per value, in order: the event, the {@link RuntimeException} its decoding threw, or null for a null
         *         value (a tombstone)
         */
        Object[] await() {
            for (Future<?> f : pending) {
                BatchDecoder.await(f);
            }
            return results; // Future.get orders the workers' writes before our reads
        }
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
