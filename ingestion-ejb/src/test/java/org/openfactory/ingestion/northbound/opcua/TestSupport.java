package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.event.SampleObserved;

/** Fixtures shared by the OPC UA security and browse tests: a collecting sink, a log capture, waiting, ports. */
final class TestSupport {

    static final Duration WAIT = Duration.ofSeconds(15);

    private TestSupport() {
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Keeps every sample; {@link #await} takes the oldest matching one not taken yet, waiting with a bound. */
    static final class CollectingSink implements SampleSink {
        private final List<SampleObserved> pending = new ArrayList<>();
        private final List<SampleObserved> all = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void accept(URI source, SampleObserved sample) {
            pending.add(sample);
            all.add(sample);
            notifyAll();
        }

        synchronized SampleObserved await(Predicate<SampleObserved> wanted) {
            long deadline = System.nanoTime() + WAIT.toNanos();
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
                    fail("no matching sample within " + WAIT + "; received " + all.size() + " in total");
                }
                try {
                    wait(leftMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        List<SampleObserved> all() {
            return List.copyOf(all);
        }
    }

    /** Records what a logger tree logs (SLF4J goes to java.util.logging in tests). */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger;
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final Level previousLevel;

        /** Captures DEBUG (FINE) too; the console handler still shows INFO and up only. */
        LogCapture(String loggerName) {
            logger = Logger.getLogger(loggerName);
            previousLevel = logger.getLevel();
            logger.setLevel(Level.FINE);
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        List<String> messages(Level level, String fragment) {
            var formatter = new java.util.logging.SimpleFormatter();
            return records.stream()
                    .filter(r -> r.getLevel().equals(level))
                    .map(formatter::formatMessage)
                    .filter(m -> m.contains(fragment))
                    .toList();
        }

        String await(Level level, String fragment) {
            awaitTrue(() -> !messages(level, fragment).isEmpty(), level + " log containing '" + fragment + "'");
            return messages(level, fragment).get(0);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previousLevel);
        }
    }
}
