package org.openfactory.graphql.state;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openfactory.historian.HistorianReader;
import org.openfactory.historian.HistorianSchema;
import org.openfactory.historian.HistorianSink;
import org.openfactory.historian.HistorianSinkSettings;
import org.openfactory.historian.History;
import org.openfactory.historian.LogHistoryReader;
import org.openfactory.model.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The samples history: a sink writes the samples topic into PostgreSQL (exactly once), and history pages come from
 * PostgreSQL, or from the log while PostgreSQL cannot answer. A PostgreSQL that is down at start delays the sink,
 * never the server.
 */
@ApplicationScoped
public class HistoryStore {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    @ConfigProperty(name = "openfactory.historian.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "openfactory.historian.schema", defaultValue = HistorianSchema.DEFAULT_SCHEMA)
    String schema;

    @Resource(lookup = "jdbc/historian")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threadFactory;

    private volatile HistorianSink sink;
    private volatile boolean stopping;
    private Thread thread;
    private History history;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        history = new History(new HistorianReader(dataSource, schema, QUERY_TIMEOUT),
                new LogHistoryReader(bootstrapServers, Topics.SAMPLES, LogHistoryReader.DEFAULT_LATE_ARRIVAL_TOLERANCE,
                        QUERY_TIMEOUT));
        if (!enabled) {
            LOG.info("Historian disabled (openfactory.historian.enabled=false): history is read from the log");
            return;
        }
        thread = threadFactory.newThread(this::migrateThenSink);
        thread.setName("historian-sink");
        thread.start();
    }

    private void migrateThenSink() {
        long backoffMs = 1_000;
        while (!stopping) {
            try {
                HistorianSchema.migrate(dataSource, schema);
                break;
            } catch (SQLException e) {
                LOG.warn("Historian: PostgreSQL schema {} not ready ({}); retrying in {} ms", schema, e.getMessage(),
                        backoffMs);
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
        if (stopping) {
            return;
        }
        sink = new HistorianSink(dataSource, HistorianSinkSettings.defaults(bootstrapServers).withSchema(schema));
        LOG.info("Historian: writing {} into PostgreSQL schema {}", Topics.SAMPLES, schema);
        sink.run();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
        HistorianSink running = sink;
        if (running != null) {
            try {
                running.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public History history() {
        return history;
    }

    /** True once the sink has written what was on the topic when it started (false while disabled). */
    public boolean isCaughtUp() {
        HistorianSink running = sink;
        return running != null && running.isCaughtUp();
    }
}
