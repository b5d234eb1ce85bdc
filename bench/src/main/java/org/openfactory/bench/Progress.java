package org.openfactory.bench;

/**
 * Progress of long phases on stderr (stdout carries the result table only): a line at every tenth of the work.
 */
public final class Progress {

    private final String benchmark;
    private final String phase;
    private final long total;
    private final long started = System.nanoTime();
    private int tenthsShown;

    public Progress(String benchmark, String phase, long total) {
        this.benchmark = benchmark;
        this.phase = phase;
        this.total = total;
    }

    /** Call with the work done so far, as often as convenient; prints when a new tenth is reached. */
    public void at(long done) {
        int tenths = total <= 0 ? 10 : (int) Math.min(10, done * 10 / total);
        if (tenths > tenthsShown) {
            tenthsShown = tenths;
            double seconds = (System.nanoTime() - started) / 1e9;
            line(benchmark, String.format("%s: %d%% (%s of %s) after %.1f s", phase, tenths * 10,
                    Figures.count(done), Figures.count(total), seconds));
        }
    }

    public static void line(String benchmark, String message) {
        System.err.println("[bench " + benchmark + "] " + message);
    }
}
