package org.openfactory.bench;

/** Approximate heap use: what {@link Runtime} reports as used after full collections. */
public final class Heap {

    private Heap() {
    }

    /** Bytes in use after {@code System.gc()} (run a few times, so finalizable and weak garbage goes too). */
    public static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
