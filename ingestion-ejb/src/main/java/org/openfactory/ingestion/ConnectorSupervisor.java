package org.openfactory.ingestion;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
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
import org.openfactory.ingestion.southbound.CommandConsumer;
import org.openfactory.ingestion.southbound.CommandDispatcher;
import org.openfactory.ingestion.southbound.CommandJournal;
import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.ConnectorContext;
import org.openfactory.ingestion.connector.ConnectorFactory;
import org.openfactory.ingestion.northbound.mtconnect.MtConnectConnectorFactory;
import org.openfactory.ingestion.northbound.mqtt.MqttConnectorFactory;
import org.openfactory.ingestion.northbound.modbus.ModbusConnectorFactory;
import org.openfactory.ingestion.northbound.opcua.OpcUaConnectorFactory;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.model.kafka.Topics;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.event.RegistryEventCodec;
import org.openfactory.registry.projection.LogFollower;
import org.openfactory.registry.view.LiveRegistry;
import org.openfactory.registry.view.RegistryEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one northbound connector per registered asset. It follows the registry topic: a registered asset gets a
 * connector, an updated one a fresh connector with its new definition, a retired one loses its connector, all
 * without restarting the server. Topics are provisioned first, in the background, so a broker that is not up yet
 * delays ingestion but not the server's start.
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
    @ConfigProperty(name = "openfactory.instance", defaultValue = "openfactory")
    String instance;

    /** How long a connector may be disconnected before its asset is declared UNAVAILABLE. */
    @Inject
    @ConfigProperty(name = "openfactory.availability.unavailable-after-ms", defaultValue = "5000")
    long unavailableAfterMs;

    /** How long a device may take to carry out a command before its outcome is reported unknown. */
    @Inject
    @ConfigProperty(name = "openfactory.commands.execution-timeout-ms", defaultValue = "10000")
    long commandTimeoutMs;

    @Resource
    ManagedThreadFactory threadFactory;

    /** One factory per connector type; a type missing here is logged, not ingested. */
    private static final Map<String, ConnectorFactory> FACTORIES = List.<ConnectorFactory>of(
                    new OpcUaConnectorFactory(),
                    new MtConnectConnectorFactory(),
                    new MqttConnectorFactory(),
                    new ModbusConnectorFactory())
            .stream().collect(Collectors.toUnmodifiableMap(ConnectorFactory::type, Function.identity()));

    private final LiveRegistry registry = new LiveRegistry();
    private final Map<String, Connector> running = new HashMap<>(); // guarded by itself
    private volatile boolean stopping;
    private EventLogWriter writer;
    private AvailabilityMonitor availability;
    private ScheduledExecutorService checker;
    private volatile LogFollower<?> registryFollower;
    private Thread starter;
    private CommandConsumer commandConsumer;

    @PostConstruct
    void start() {
        writer = new EventLogWriter(bootstrapServers, "openfactory-ingestion-" + instance, Clock.systemUTC());
        availability = new AvailabilityMonitor(writer, Clock.systemUTC(), Duration.ofMillis(unavailableAfterMs));
        checker = Executors.newSingleThreadScheduledExecutor(threadFactory);
        checker.scheduleWithFixedDelay(availability::check, 500, 500, TimeUnit.MILLISECONDS);
        starter = threadFactory.newThread(this::provisionThenFollow);
        starter.setName("connector-supervisor");
        starter.start();
    }

    private void provisionThenFollow() {
        TopicLayout layout = new TopicLayout(partitions, replicationFactor, Duration.ofHours(samplesRetentionHours));
        long backoffMs = 1_000;
        while (!stopping) {
            try {
                layout.ensure(bootstrapServers, 15_000);
                break;
            } catch (IllegalStateException e) {
                LOG.warn("Topics not provisioned yet, retrying in {} ms: {}", backoffMs, e.getMessage());
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
        // The follower's thread is the only one that starts and stops connectors.
        registryFollower = new LogFollower<>(bootstrapServers, Topics.REGISTRY, RegistryEventCodec::decode,
                event -> registry.apply(event).ifPresent(this::reconcile));
        Thread commands = threadFactory.newThread(this::executeCommands);
        commands.setName("command-consumer");
        commands.start();
        registryFollower.run();
    }

    /** Commands are checked against the registry, so they wait until it is rebuilt. */
    private void executeCommands() {
        try {
            while (!stopping && !registryFollower.awaitCaughtUp(Duration.ofSeconds(1))) {
                // keep waiting
            }
        } catch (InterruptedException e) {
            return;
        }
        CommandJournal journal = new CommandJournal();
        CommandDispatcher dispatcher = new CommandDispatcher(
                URI.create("/openfactory/" + instance + "/commands"), new RunningAssets(), writer, journal,
                Clock.systemUTC(), Duration.ofMillis(commandTimeoutMs));
        synchronized (running) {
            if (stopping) {
                return;
            }
            commandConsumer = new CommandConsumer(bootstrapServers, "openfactory-commands-" + instance, dispatcher,
                    journal);
        }
        commandConsumer.run();
    }

    /** The registry and connectors as the dispatcher sees them. */
    private final class RunningAssets implements CommandDispatcher.Assets {
        @Override
        public Optional<AssetDefinition> definition(String assetId) {
            return registry.view().findActive(assetId).map(RegistryEntry::definition);
        }

        @Override
        public Optional<Connector> connector(String assetId) {
            synchronized (running) {
                return Optional.ofNullable(running.get(assetId));
            }
        }
    }

    private void reconcile(RegistryEntry entry) {
        synchronized (running) {
            if (stopping) {
                return;
            }
            Connector previous = running.remove(entry.id());
            if (previous != null) {
                previous.close();
            }
            if (entry.retired()) {
                availability.unwatch(entry.id(), "asset retired");
                LOG.info("Asset {}: retired, its connector is stopped", entry.id());
                return;
            }
            connect(entry.definition());
        }
    }

    private void connect(AssetDefinition asset) {
        String type = asset.connector().type();
        ConnectorFactory factory = FACTORIES.get(type);
        if (factory == null) {
            LOG.error("Asset {}: connector type '{}' is not supported; its data is not ingested", asset.id(), type);
            return;
        }
        URI source = URI.create("/openfactory/" + instance + "/" + type + "/" + asset.id());
        Connector connector;
        try {
            connector = factory.create(asset, new ConnectorContext(source, writer, threadFactory, Clock.systemUTC()));
            connector.start();
        } catch (RuntimeException e) {
            LOG.error("Asset {}: {} connector for {} could not start: {}", asset.id(), type,
                    asset.connector().endpoint(), e.toString());
            return;
        }
        running.put(asset.id(), connector);
        availability.watch(asset.id(), source, connector::isConnected);
    }

    /** For health checks: whether the registry is rebuilt, and each running connector's link to its device. */
    public SupervisorStatus status() {
        Map<String, String> links = new TreeMap<>();
        synchronized (running) {
            running.forEach((assetId, connector) -> links.put(assetId, connector.isConnected() ? "connected"
                    : "not connected"));
        }
        LogFollower<?> follower = registryFollower;
        CommandConsumer consumer;
        synchronized (running) {
            consumer = commandConsumer;
        }
        return new SupervisorStatus(follower != null && follower.isCaughtUp(), consumer != null, links);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (starter != null) {
            starter.interrupt();
        }
        try {
            CommandConsumer consumer;
            synchronized (running) {
                consumer = commandConsumer;
            }
            if (consumer != null) {
                consumer.close();
            }
            if (registryFollower != null) {
                registryFollower.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (checker != null) {
            checker.shutdownNow();
        }
        synchronized (running) {
            running.values().forEach(Connector::close);
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
