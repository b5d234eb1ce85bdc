package org.openfactory.ingestion.connector;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** What every connector's settings share: the reconnect backoff, the threads outside a server, duration checks. */
public final class ConnectorSettingsRules {

    private ConnectorSettingsRules() {
    }

    /**
     * The retry delay after {@code failures} consecutive failed attempts (1 = the first failure): {@code initial},
     * doubled per further failure, never above {@code max}.
     */
    public static Duration retryDelay(Duration initial, Duration max, int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, ...: for tests and tools, not the server. */
    public static ThreadFactory daemonThreads(String prefix) {
        var count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
