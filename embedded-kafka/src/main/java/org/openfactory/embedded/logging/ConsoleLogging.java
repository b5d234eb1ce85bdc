package org.openfactory.embedded.logging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The console logging of the embedded default's JVMs (SLF4J over java.util.logging): unless a JUL configuration
 * file is given, INFO on stderr, one line per record, and the chatty libraries at WARNING. Levels are set through
 * the LogManager configuration, not on Logger objects, which JUL holds weakly and would forget.
 */
public final class ConsoleLogging {

    private ConsoleLogging() {
    }

    public static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        String config = String.join("\n",
                "handlers=java.util.logging.ConsoleHandler",
                ".level=INFO",
                "java.util.logging.ConsoleHandler.level=ALL",
                "java.util.logging.ConsoleHandler.formatter=java.util.logging.SimpleFormatter",
                "java.util.logging.SimpleFormatter.format=%1$tF %1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n",
                "kafka.level=WARNING",
                "org.apache.kafka.level=WARNING",
                "state.change.logger.level=WARNING",
                "org.eclipse.milo.level=WARNING",
                "io.netty.level=WARNING",
                "");
        try {
            LogManager.getLogManager()
                    .readConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            System.err.println("cannot configure java.util.logging: " + e);
        }
    }
}
