package org.openfactory.simulator.opcua;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.OpcServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual OPC UA temperature controller: a real Eclipse Milo server whose variables follow a simple thermal model.
 *
 * <p>{@link #start()} and {@link #close()} may alternate on the same instance (a device reboot): the simulated
 * state survives, the port is released on close and bound again on start.
 */
public final class TemperatureControllerServer implements AutoCloseable {

    public static final String APPLICATION_URI = "urn:openfactory:simulator:temperature-controller";
    public static final String NAMESPACE_URI = "urn:openfactory:simulator";
    /** Index of {@link #NAMESPACE_URI}: 0 is OPC UA's, 1 the server's own, ours is registered next. */
    public static final int NAMESPACE_INDEX = 2;
    public static final String PATH = "/openfactory";
    public static final String FOLDER = "TemperatureController";

    public static final String TEMPERATURE = "Temperature";
    public static final String SETPOINT = "Setpoint";
    public static final String HEATER_ON = "HeaterOn";
    public static final String MODE = "Mode";
    public static final String ALARM = "Alarm";
    /** The condition (NonExclusiveDeviationAlarmType) whose source is the controller object. */
    public static final String HIGH_TEMPERATURE_ALARM = HighTemperatureAlarm.NAME;
    /** Method {@code SetMode(Mode: String) -> PreviousMode: String} of the controller object. */
    public static final String SET_MODE = SetModeMethod.NAME;
    /** Method {@code ResetAlarm()} of the controller object: acknowledges the high temperature alarm. */
    public static final String RESET_ALARM = ResetAlarmMethod.NAME;

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofMillis(500);
    public static final double INITIAL_SETPOINT = 60.0;
    public static final double INITIAL_TEMPERATURE = 20.0;
    public static final String MODE_AUTO = "AUTO";
    public static final String MODE_MANUAL = "MANUAL";
    /** Heater off: the temperature falls toward ambient. */
    public static final String MODE_OFF = "OFF";
    public static final List<String> MODES = List.of(MODE_AUTO, MODE_MANUAL, MODE_OFF);

    private static final long STARTUP_TIMEOUT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(TemperatureControllerServer.class);

    private final String bindAddress;
    private final int port;
    private final Duration updateInterval;
    private final ThermalModel model;
    private final ServerSecurity security;
    private final Clock deviceClock = Clock.systemUTC();
    private final HighTemperatureAlarm highTemperatureAlarm = new HighTemperatureAlarm();
    private final Object modeLock = new Object();
    private String mode = MODE_AUTO; // guarded by modeLock

    private final Object lifecycleLock = new Object();
    /** Made on the first start and kept across restarts, like a device's certificate. Guarded by lifecycleLock. */
    private ServerPki pki;
    /** The parts that exist while started; null when stopped. */
    private volatile Running running;

    private record Running(OpcUaServer server, OpcServerTransport transport, TemperatureControllerNamespace namespace,
                           SessionDrain sessions, ScheduledExecutorService updater) {
    }

    public TemperatureControllerServer(int port) {
        this(DEFAULT_BIND_ADDRESS, port);
    }

    public TemperatureControllerServer(String bindAddress, int port) {
        this(bindAddress, port, DEFAULT_UPDATE_INTERVAL, 42L);
    }

    /**
     * @param seed seeds the measurement noise, so runs are reproducible
     */
    public TemperatureControllerServer(String bindAddress, int port, Duration updateInterval, long seed) {
        this(bindAddress, port, updateInterval, seed, ServerSecurity.defaults());
    }

    /**
     * @param seed     seeds the measurement noise, so runs are reproducible
     * @param security certificates, trust and logins of the device
     */
    public TemperatureControllerServer(String bindAddress, int port, Duration updateInterval, long seed,
                                       ServerSecurity security) {
        this.security = Objects.requireNonNull(security, "security");
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (updateInterval.isNegative() || updateInterval.isZero()) {
            throw new IllegalArgumentException("updateInterval must be positive: " + updateInterval);
        }
        this.port = port;
        this.updateInterval = updateInterval;
        this.model = new ThermalModel(INITIAL_TEMPERATURE, INITIAL_SETPOINT, seed);
    }

    /** The node id of the controller object: event notifier, alarm source, owner of the methods. */
    public static String controllerNodeId() {
        return "ns=" + NAMESPACE_INDEX + ";s=" + FOLDER;
    }

    /**
     * The node id, as parseable text, of one of the controller's variables, methods or its alarm, e.g.
     * {@code ns=2;s=TemperatureController/Setpoint}.
     */
    public static String nodeId(String browseName) {
        return "ns=" + NAMESPACE_INDEX + ";s=" + FOLDER + "/" + browseName;
    }

    /** All variable node ids, for logs and asset files. */
    public static List<String> nodeIds() {
        return List.of(TEMPERATURE, SETPOINT, HEATER_ON, MODE, ALARM).stream()
                .map(TemperatureControllerServer::nodeId).toList();
    }

    public String endpointUrl() {
        return "opc.tcp://" + hostname() + ":" + port + PATH;
    }

    /** Binds the port and serves the address space; returns once clients can connect. Idempotent. */
    public void start() {
        synchronized (lifecycleLock) {
            if (running != null) {
                return;
            }
            ServerPki keys = pki();
            OpcServerTransport transport = tcpTransport();
            OpcUaServer server = new OpcUaServer(serverConfig(keys),
                    profile -> profile == TransportProfile.TCP_UASC_UABINARY ? transport : null);
            var namespace = new TemperatureControllerNamespace(server, new Actions());
            var sessions = new SessionDrain(server);
            try {
                namespace.startup();
                int index = namespace.getNamespaceIndex().intValue();
                if (index != NAMESPACE_INDEX) {
                    throw new IllegalStateException("namespace " + NAMESPACE_URI + " got index " + index
                            + ", node ids assume " + NAMESPACE_INDEX);
                }
                // Initial values go in before the port opens, so no client ever reads an empty node.
                highTemperatureAlarm.attach(namespace.highTemperatureAlarm(), server.getEventNotifier(),
                        namespace.controller().getNodeId(), namespace.temperature().getNodeId(),
                        namespace.setpoint().getNodeId());
                ConditionRefreshHandler.install(server, highTemperatureAlarm::deliverIfRetained);
                ThermalModel.Snapshot initial = model.snapshot();
                namespace.setpoint().setValue(dataValue(new Variant(initial.setpoint())));
                namespace.mode().setValue(dataValue(new Variant(mode())));
                publishMeasurements(namespace, initial);
                DiagnosticsTypeCache.refresh(server);
                server.startup().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | UaException | RuntimeException e) {
                stopAfterFailedStart(server, namespace);
                throw new IllegalStateException("OPC UA server could not listen on " + endpointUrl(), cause(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopAfterFailedStart(server, namespace);
                throw new IllegalStateException("interrupted while starting " + endpointUrl(), e);
            }
            ScheduledExecutorService updater = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "temperature-controller-" + port);
                t.setDaemon(true);
                return t;
            });
            long periodMillis = updateInterval.toMillis();
            double dtSeconds = updateInterval.toNanos() / 1e9;
            updater.scheduleAtFixedRate(() -> tick(namespace, dtSeconds), periodMillis, periodMillis,
                    TimeUnit.MILLISECONDS);
            running = new Running(server, transport, namespace, sessions, updater);
            LOG.info("Temperature controller listening on {}", endpointUrl());
        }
    }

    /** Changes the setpoint as if done on the device's own panel; subscribed clients see the change. */
    public void setSetpoint(double value) {
        model.setSetpoint(value);
        onUpdater(ns -> {
            ns.setpoint().setValue(dataValue(new Variant(value)));
            publishMeasurements(ns, model.snapshot());
        });
    }

    /** Forces the current temperature, e.g. to provoke the alarm; subscribed clients see the change. */
    public void setTemperature(double value) {
        model.setTemperature(value);
        onUpdater(ns -> publishMeasurements(ns, model.snapshot()));
    }

    /**
     * Test hook: holds the temperature at {@code value} (the model stops moving it) until
     * {@link #releaseTemperature()}; e.g. to keep the alarm active. Subscribed clients see the change.
     */
    public void forceTemperature(double value) {
        model.pin(value);
        onUpdater(ns -> publishMeasurements(ns, model.snapshot()));
    }

    /** Lets the model move the temperature again after {@link #forceTemperature}. */
    public void releaseTemperature() {
        model.release();
    }

    /** Switches the mode as if done on the device's own panel; returns the previous mode. */
    public String setMode(String newMode) {
        if (!MODES.contains(newMode)) {
            throw new IllegalArgumentException("unknown mode '" + newMode + "', expected one of " + MODES);
        }
        String previous;
        synchronized (modeLock) {
            previous = mode;
            mode = newMode;
        }
        model.setHeating(!MODE_OFF.equals(newMode));
        onUpdater(ns -> {
            ns.mode().setValue(dataValue(new Variant(newMode)));
            publishMeasurements(ns, model.snapshot());
        });
        return previous;
    }

    public String mode() {
        synchronized (modeLock) {
            return mode;
        }
    }

    public boolean isAlarmActive() {
        return highTemperatureAlarm.isActive();
    }

    public boolean isAlarmAcknowledged() {
        return highTemperatureAlarm.isAcknowledged();
    }

    public double temperature() {
        return model.snapshot().temperature();
    }

    public double setpoint() {
        return model.snapshot().setpoint();
    }

    /** The device's application certificate (made on the first start), e.g. for a client's trust list. */
    public X509Certificate applicationCertificate() {
        synchronized (lifecycleLock) {
            return pki().certificate();
        }
    }

    public ServerSecurity security() {
        return security;
    }

    public boolean isRunning() {
        return running != null;
    }

    /** Stops serving and releases the port. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycleLock) {
            Running r = running;
            if (r == null) {
                return;
            }
            running = null;
            r.updater().shutdownNow();
            // Port first, so no client opens a new session while the existing ones are drained.
            try {
                r.transport().unbind();
            } catch (Exception e) {
                LOG.warn("Could not release {}", endpointUrl(), e);
            }
            try {
                r.updater().awaitTermination(5, TimeUnit.SECONDS);
                r.sessions().closeAllAndAwait(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            highTemperatureAlarm.detach();
            r.namespace().shutdown();
            try {
                r.server().shutdown().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("OPC UA server shutdown on {} failed", endpointUrl(), cause(e));
            }
            LOG.info("Temperature controller on {} stopped", endpointUrl());
        }
    }

    private void tick(TemperatureControllerNamespace namespace, double dtSeconds) {
        try {
            publishMeasurements(namespace, model.step(dtSeconds));
        } catch (RuntimeException e) {
            // An exception would cancel the fixed-rate task and freeze the device.
            LOG.warn("Temperature controller update failed", e);
        }
    }

    /**
     * Runs a node update on the updater thread and waits for it. All periodic and API-driven node writes happen on
     * that one thread, so they are ordered and never hold a lock Milo's threads wait for.
     */
    private void onUpdater(java.util.function.Consumer<TemperatureControllerNamespace> update) {
        Running r = running;
        if (r == null) {
            return; // stopped: the model keeps the state, start() publishes it
        }
        try {
            r.updater().submit(() -> update.accept(r.namespace())).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("Could not publish a value change on {}", endpointUrl(), e);
        }
    }

    /** Called by Milo, holding the Setpoint node's lock, whenever its value changes (also on client writes). */
    private void onSetpointWritten(double value) {
        model.setSetpoint(value);
        Running r = running;
        if (r != null) {
            try {
                r.updater().execute(() -> publishMeasurements(r.namespace(), model.snapshot()));
            } catch (RejectedExecutionException e) {
                // closing: nothing left to publish to
            }
        }
    }

    /**
     * Publishes the measured and derived variables. The Setpoint node is not rewritten here so that a periodic
     * update can never overwrite a client's concurrent write with a stale value.
     */
    private void publishMeasurements(TemperatureControllerNamespace ns, ThermalModel.Snapshot s) {
        ns.temperature().setValue(dataValue(new Variant(s.temperature())));
        ns.heaterOn().setValue(dataValue(new Variant(s.heaterOn())));
        ns.alarm().setValue(dataValue(new Variant(s.alarm())));
        highTemperatureAlarm.update(s);
    }

    /** What the address space's writes and methods do to the device. */
    private final class Actions implements ControllerActions {
        @Override
        public void setpointWritten(double value) {
            onSetpointWritten(value);
        }

        @Override
        public String setMode(String newMode) {
            return TemperatureControllerServer.this.setMode(newMode);
        }

        @Override
        public void resetAlarm() {
            highTemperatureAlarm.acknowledge();
        }
    }

    private DataValue dataValue(Variant value) {
        return DataValue.newValue()
                .setValue(value)
                .setSourceTime(new DateTime(deviceClock.instant()))
                .setServerTime(DateTime.now())
                .build();
    }

    private ServerPki pki() {
        if (pki == null) {
            try {
                pki = ServerPki.open(security, APPLICATION_URI, hostname());
            } catch (Exception e) {
                throw new IllegalStateException("cannot set up the certificates of " + endpointUrl() + " in "
                        + security.pkiDir(), e);
            }
        }
        return pki;
    }

    private OpcUaServerConfig serverConfig(ServerPki keys) {
        return OpcUaServerConfig.builder()
                .setApplicationUri(APPLICATION_URI)
                .setApplicationName(LocalizedText.english("OpenFactory simulated temperature controller"))
                .setProductUri("urn:openfactory:simulator")
                .setEndpoints(endpoints(keys))
                .setIdentityValidator(keys.identityValidator())
                .setCertificateManager(keys.certificateManager())
                .build();
    }

    /**
     * None, and Basic256Sha256 with SignAndEncrypt unless switched off. Every endpoint takes every login the device
     * has; user name and certificate tokens are secured with Basic256Sha256 even on the None channel.
     */
    private Set<EndpointConfig> endpoints(ServerPki keys) {
        var logins = new ArrayList<UserTokenPolicy>();
        logins.add(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
        if (keys.acceptsUsernames()) {
            logins.add(OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        }
        logins.add(OpcUaServerConfig.USER_TOKEN_POLICY_X509);
        var endpoints = new LinkedHashSet<EndpointConfig>();
        endpoints.add(endpoint(keys, SecurityPolicy.None, MessageSecurityMode.None, logins));
        if (security.offerSecureEndpoint()) {
            endpoints.add(endpoint(keys, SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt, logins));
        }
        return endpoints;
    }

    private EndpointConfig endpoint(ServerPki keys, SecurityPolicy policy, MessageSecurityMode mode,
                                    List<UserTokenPolicy> logins) {
        return EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress(bindAddress)
                .setBindPort(port)
                .setHostname(hostname())
                .setPath(PATH)
                .setCertificate(keys.certificate())
                .setSecurityPolicy(policy)
                .setSecurityMode(mode)
                .addTokenPolicies(logins.toArray(UserTokenPolicy[]::new))
                .build();
    }

    private static OpcServerTransport tcpTransport() {
        // SO_REUSEADDR lets a restart bind the port again while old connections linger in TIME_WAIT.
        return new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder()
                .setBootstrapCustomizer(b -> b.option(ChannelOption.SO_REUSEADDR, true))
                .build());
    }

    private String hostname() {
        return "0.0.0.0".equals(bindAddress) ? HostnameUtil.getHostname() : bindAddress;
    }

    /** Best-effort cleanup; the start failure itself is what gets reported. */
    private static void stopAfterFailedStart(OpcUaServer server, TemperatureControllerNamespace namespace) {
        try {
            namespace.shutdown();
            server.shutdown().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Cleanup after failed start", e);
        }
    }

    private static Throwable cause(Exception e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    }
}
