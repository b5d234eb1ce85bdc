package org.openfactory.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats KRaft storage once, exactly as {@code kafka-storage.sh format --ignore-formatted} does
 * ({@link StorageTool#execute(String[], PrintStream)}, which runs Kafka's own
 * {@code org.apache.kafka.metadata.storage.Formatter}), so a data directory that is already formatted is
 * left alone and keeps its data.
 *
 * <p>Only classes of {@code kafka_2.13} and {@code kafka-clients} are referenced: the other Kafka server
 * artifacts ({@code kafka-metadata}, {@code kafka-raft}, ...) are runtime-scoped in the {@code kafka_2.13} pom.
 */
public final class KraftStorage {

    /** The file Kafka writes into every formatted log directory. */
    public static final String META_PROPERTIES = "meta.properties";

    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {
    }

    /**
     * Formats every log directory and the metadata log directory named in {@code brokerProperties}
     * ({@code log.dirs} or {@code log.dir}, and {@code metadata.log.dir}) that holds no
     * {@code meta.properties} yet. A partly formatted set of directories keeps its cluster id.
     *
     * @return true if something was formatted now, false if everything was formatted before
     */
    public static boolean formatIfNeeded(Properties brokerProperties) {
        TreeSet<String> dirs = directories(brokerProperties);
        String clusterId = null;
        List<String> unformatted = new ArrayList<>();
        for (String dir : dirs) {
            Path meta = Path.of(dir, META_PROPERTIES);
            if (Files.isRegularFile(meta)) {
                String id = clusterIdIn(meta);
                if (clusterId == null) {
                    clusterId = id;
                }
            } else {
                unformatted.add(dir);
            }
        }
        if (unformatted.isEmpty()) {
            LOG.debug("KRaft storage {} is already formatted (cluster id {})", dirs, clusterId);
            return false;
        }
        if (clusterId == null) {
            clusterId = Uuid.randomUuid().toString();
        }
        Path configFile = null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (String dir : dirs) {
                Files.createDirectories(Path.of(dir));
            }
            configFile = Files.createTempFile("openfactory-kafka-format-", ".properties");
            try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                brokerProperties.store(w, "written by " + KraftStorage.class.getName() + " for kafka-storage format");
            }
            int rc;
            try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                rc = StorageTool.execute(new String[] {
                        "format",
                        "--config", configFile.toString(),
                        "--cluster-id", clusterId,
                        "--ignore-formatted"}, print);
            }
            if (rc != 0) {
                throw new IllegalStateException("kafka-storage format exited with " + rc + ": "
                        + out.toString(StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot format KRaft storage " + unformatted, e);
        } catch (RuntimeException e) {
            // FormatterException, TerseFailure, ConfigException: keep Kafka's message, add the directories
            throw new IllegalStateException("Cannot format KRaft storage " + unformatted + ": " + e.getMessage()
                    + output(out), e);
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException e) {
                    LOG.debug("Cannot delete {}", configFile, e);
                }
            }
        }
        LOG.info("Formatted KRaft storage {} with cluster id {}{}", unformatted, clusterId, output(out));
        return true;
    }

    /** The absolute log directories and metadata log directory named in the broker properties. */
    static TreeSet<String> directories(Properties brokerProperties) {
        String logDirs = brokerProperties.getProperty("log.dirs");
        if (logDirs == null || logDirs.isBlank()) {
            logDirs = brokerProperties.getProperty("log.dir");
        }
        if (logDirs == null || logDirs.isBlank()) {
            throw new IllegalArgumentException("log.dirs is not set");
        }
        TreeSet<String> dirs = new TreeSet<>();
        for (String d : logDirs.split(",")) {
            if (!d.isBlank()) {
                dirs.add(Path.of(d.trim()).toAbsolutePath().normalize().toString());
            }
        }
        String metadataLogDir = brokerProperties.getProperty("metadata.log.dir");
        if (metadataLogDir != null && !metadataLogDir.isBlank()) {
            dirs.add(Path.of(metadataLogDir.trim()).toAbsolutePath().normalize().toString());
        }
        return dirs;
    }

    private static String clusterIdIn(Path metaProperties) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(metaProperties, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + metaProperties, e);
        }
        String id = p.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("No cluster.id in " + metaProperties);
        }
        return id.trim();
    }

    private static String output(ByteArrayOutputStream out) {
        String s = out.toString(StandardCharsets.UTF_8).trim();
        return s.isEmpty() ? "" : " (" + s.replace(System.lineSeparator(), "; ") + ")";
    }
}
