package org.openfactory.ingestion;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.openfactory.ingestion.log.EventLogWriter;
import org.openfactory.ingestion.northbound.AvailabilityMonitor;
import org.openfactory.ingestion.northbound.opcua.OpcUaConnectorSettings;
import org.openfactory.ingestion.northbound.opcua.OpcUaNorthboundConnector;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFileLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one northbound connector per asset of the asset folder and stops them with the application.
 * Topics are provisioned first, in the background, so a broker that is not up yet delays ingestion but not the
 * server's start.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ConnectorSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorSupervisor.class);

    @Inject
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    @ConfigProperty(name = "kafka.topic.partitions", defaultValue = "6")
    int partitions;

    @Inject
    @ConfigProperty(name = "kafka.topic.replication.factor", defaultValue = "1")
    short replicationFactor;

    @Inject
    @ConfigProperty(name = "kafka.samples.retention.hours", defaultValue = "168")
    long samplesRetentionHours;

    @Inject
    @ConfigProperty(name = "openfactory.assets.dir")
    String assetsDir;

    @Inject
    @ConfigProperty(name = "openfactory.instance", defaultValue = "openfactory")
    String instance;

    /** How long a connector may be disconnected before its asset is declared UNAVAILABLE. */
    @Inject
    @ConfigProperty(name = "openfactory.availability.unavailable-after-ms", defaultValue = "5000")
    long unavailableAfterMs;

    @Resource
    ManagedThreadFactory threadFactory;

    private final List<AutoCloseable> running = new ArrayList<>();
    private volatile boolean stopping;
    private EventLogWriter writer;
    private AvailabilityMonitor availability;
    private ScheduledExecutorService checker;
    private Thread starter;

    @PostConstruct
    void start() {
        List<AssetDefinition> assets = AssetFileLoader.loadFolder(Path.of(assetsDir));
        writer = new EventLogWriter(bootstrapServers, "openfactory-ingestion-" + instance, Clock.systemUTC());
        availability = new AvailabilityMonitor(writer, Clock.systemUTC(), Duration.ofMillis(unavailableAfterMs));
        checker = Executors.newSingleThreadScheduledExecutor(threadFactory);
        checker.scheduleWithFixedDelay(availability::check, 500, 500, TimeUnit.MILLISECONDS);
        starter = threadFactory.newThread(() -> provisionThenConnect(assets));
        starter.setName("connector-supervisor");
        starter.start();
    }

    private void provisionThenConnect(List<AssetDefinition> assets) {
        long backoffMs = 1_000;
        while (!stopping) {
            try {
                new TopicLayout(partitions, replicationFactor, Duration.ofHours(samplesRetentionHours))
                        .ensure(bootstrapServers, 15_000);
                break;
            } catch (IllegalStateException e) {
                LOG.warn("Topics not provisioned yet, retrying in {} ms: {}", backoffMs, e.getMessage());
                if (!sleep(backoffMs)) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 30_000);
            }
        }
        synchronized (running) {
            for (AssetDefinition asset : assets) {
                if (!stopping) {
                    connect(asset);
                }
            }
        }
    }

    private void connect(AssetDefinition asset) {
        String type = asset.connector().type();
        if (!"opcua".equals(type)) {
            LOG.error("Asset {}: connector type '{}' is not supported; its data is not ingested", asset.id(), type);
            return;
        }
        URI source = URI.create("/openfactory/" + instance + "/" + type + "/" + asset.id());
        OpcUaNorthboundConnector connector = new OpcUaNorthboundConnector(asset, source, writer,
                OpcUaConnectorSettings.defaults().withThreadFactory(threadFactory));
        connector.start();
        running.add(connector);
        availability.watch(asset.id(), source, connector::isConnected);
    }

    private boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (starter != null) {
            starter.interrupt();
        }
        if (checker != null) {
            checker.shutdownNow();
        }
        synchronized (running) {
            for (AutoCloseable connector : running) {
                try {
                    connector.close();
                } catch (Exception e) {
                    LOG.warn("Stopping connector failed: {}", e.toString());
                }
            }
            running.clear();
        }
        if (availability != null) {
            availability.unwatchAll("connector stopped");
        }
        if (writer != null) {
            writer.close();
        }
        // Milo's shared event loops and executors would otherwise outlive the application
        Stack.releaseSharedResources();
    }
}
