package org.openfactory.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs a phase a few times after warm-ups and keeps the median duration. The value of the last run is returned too,
 * so the caller can verify it.
 */
public final class Timing {

    private Timing() {
    }

    /** Durations in nanoseconds of the measured runs, and the value the last run returned. */
    public record Timed<T>(List<Long> nanos, T lastValue) {

        public long median() {
            List<Long> sorted = new ArrayList<>(nanos);
            sorted.sort(null);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        /** {@code median of 3}, or {@code 1 run}. */
        public String how() {
            return nanos.size() == 1 ? "1 run" : "median of " + nanos.size();
        }
    }

    public static <T> Timed<T> measure(int warmups, int runs, Callable<T> phase) throws Exception {
        for (int i = 0; i < warmups; i++) {
            phase.call();
        }
        List<Long> nanos = new ArrayList<>();
        T last = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            last = phase.call();
            nanos.add(System.nanoTime() - t0);
        }
        return new Timed<>(nanos, last);
    }

    /** One run, no warm-up: for phases that change the log (they cannot be repeated on the same data). */
    public static <T> Timed<T> once(Callable<T> phase) throws Exception {
        return measure(0, 1, phase);
    }
}
