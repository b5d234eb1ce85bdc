package org.openfactory.ingestion.northbound.mtconnect;

import java.io.Closeable;
import java.io.IOException;

/**
 * Whether the current stream is alive: open, and a part (data or heartbeat) arrived within the silence limit. The
 * reading thread reports to it; the connection check and the watchdog ask it from other threads.
 */
final class StreamWatch {

    private final long silenceLimitNanos;
    private volatile Closeable stream;
    private volatile long lastPartNanos;
    private volatile boolean closedAsSilent;

    StreamWatch(long silenceLimitNanos) {
        this.silenceLimitNanos = silenceLimitNanos;
    }

    void opened(Closeable openedStream) {
        lastPartNanos = System.nanoTime();
        stream = openedStream;
    }

    void partArrived() {
        lastPartNanos = System.nanoTime();
    }

    void ended() {
        stream = null;
    }

    boolean isAlive() {
        return stream != null && silentNanos() <= silenceLimitNanos;
    }

    long silentMillis() {
        return silentNanos() / 1_000_000;
    }

    /**
     * Closes the stream if it has been silent for longer than the limit, which ends its blocked read.
     *
     * @return whether it was closed
     */
    boolean closeIfSilent() {
        Closeable current = stream;
        if (current == null || silentNanos() <= silenceLimitNanos) {
            return false;
        }
        closedAsSilent = true;
        close(current);
        return true;
    }

    /** Whether the last stream was closed for its silence; asking clears it. */
    boolean takeClosedAsSilent() {
        boolean was = closedAsSilent;
        closedAsSilent = false;
        return was;
    }

    /** Ends the current stream, if any. */
    void close() {
        Closeable current = stream;
        if (current != null) {
            close(current);
        }
    }

    private long silentNanos() {
        return System.nanoTime() - lastPartNanos;
    }

    private void close(Closeable current) {
        stream = null;
        try {
            current.close();
        } catch (IOException ignored) {
            // closing a response body only cancels its subscription
        }
    }
}
