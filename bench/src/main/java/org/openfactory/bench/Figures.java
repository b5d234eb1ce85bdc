package org.openfactory.bench;

import java.util.Locale;

/** Number formatting for the table and the progress lines. */
public final class Figures {

    private Figures() {
    }

    /** 1,000,000 */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Three significant figures at most below 100, whole numbers with grouping above: 0.412, 12.3, 85,310. */
    public static String figure(double value) {
        double abs = Math.abs(value);
        if (abs >= 100 || value == Math.rint(value) && abs < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A rate: {@code count} per second over {@code nanos}. */
    public static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }

    public static double millis(long nanos) {
        return nanos / 1e6;
    }

    public static double megabytes(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
