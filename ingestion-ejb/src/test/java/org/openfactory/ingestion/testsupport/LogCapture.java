package org.openfactory.ingestion.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what a logger tree logs (SLF4J goes to java.util.logging in tests). Close it after the test. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** The formatted messages of {@code level} that contain every one of {@code fragments}. */
    public List<String> messages(Level level, String... fragments) {
        var formatter = new java.util.logging.SimpleFormatter();
        return records.stream()
                .filter(r -> r.getLevel().equals(level))
                .map(formatter::formatMessage)
                .filter(m -> List.of(fragments).stream().allMatch(m::contains))
                .toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
