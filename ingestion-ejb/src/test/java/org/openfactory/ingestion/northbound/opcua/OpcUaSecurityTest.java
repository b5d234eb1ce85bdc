package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.OpcUaAuth;
import org.openfactory.registry.asset.OpcUaConnection;
import org.openfactory.registry.asset.OpcUaConnection.SecurityMode;
import org.openfactory.registry.asset.OpcUaConnection.SecurityPolicy;
import org.openfactory.registry.asset.OpcUaSource;
import org.openfactory.simulator.opcua.ServerSecurity;
import org.openfactory.simulator.opcua.TemperatureControllerServer;

/**
 * Secured channels and logins against the real simulated device, which trusts only the certificates it is given
 * (like a commissioned controller). Every successful case is proven by data arriving.
 */
@Timeout(90)
class OpcUaSecurityTest {

    private static final String ASSET_ID = "tc-secure";
    private static final String PASSWORD = "operator-pw-1";
    private static final String PASSWORD_ENV = "TC_SECURE_PASSWORD";
    private static final OpcUaConnectorSettings SETTINGS = OpcUaConnectorSettings.defaults()
            .withRetryDelays(Duration.ofMillis(200), Duration.ofMillis(500))
            .withSubscription(Duration.ofMillis(100), Duration.ofMillis(50), 10)
            .withRequestTimeout(Duration.ofSeconds(5));

    @TempDir
    Path connectorPki;
    @TempDir
    Path devicePki;

    private final TestSupport.CollectingSink sink = new TestSupport.CollectingSink();
    private final TestSupport.LogCapture log = new TestSupport.LogCapture("org.openfactory.ingestion.northbound.opcua");
    private final AtomicReference<String> passwordVariable = new AtomicReference<>(PASSWORD);
    private int port;
    private TemperatureControllerServer device;
    private OpcUaConnector connector;
    private X509Certificate userCertificate;
    private KeyPair userKeys;

    @BeforeEach
    void setUp() throws Exception {
        port = TestSupport.freePort();
        userKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        userCertificate = new SelfSignedCertificateBuilder(userKeys).setCommonName("line-1 operator").build();
    }

    @AfterEach
    void tearDown() {
        if (connector != null) {
            connector.close();
        }
        if (device != null) {
            device.close();
        }
        log.close();
    }

    @Test
    void signAndEncryptWithAnonymousLoginDeliversSamples() throws Exception {
        startStrictDevice(ServerSecurity::strict);
        trustDevice();
        connect(secured(OpcUaAuth.ANONYMOUS));

        awaitSetpointChangeArrives(71.0);
        assertTrue(Files.isRegularFile(connectorPki.resolve("own/openfactory-connector.pfx")),
                "the connector's certificate is kept in its PKI folder");
        assertEquals(ClientPki.at(connectorPki).applicationCertificate().certificate(),
                java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                        Files.newInputStream(connectorPki.resolve("own/openfactory-connector.der"))),
                "and alone, for devices' trust lists");
    }

    @Test
    void signAndEncryptWithUsernameLoginDeliversSamples() throws Exception {
        startStrictDevice(ServerSecurity::strict);
        trustDevice();
        connect(secured(new OpcUaAuth.UserPassword(ServerSecurity.OPERATOR, PASSWORD_ENV)));

        awaitSetpointChangeArrives(72.0);
    }

    @Test
    void signAndEncryptWithAUserCertificateDeliversSamples() throws Exception {
        startStrictDevice(ServerSecurity::strict);
        trustDevice();
        Files.createDirectories(connectorPki.resolve("users"));
        Files.writeString(connectorPki.resolve("users/operator.pem"), PemFiles.pem(userCertificate));
        Files.writeString(connectorPki.resolve("users/operator.key"),
                PemFiles.pem("PRIVATE KEY", userKeys.getPrivate().getEncoded()));
        connect(secured(new OpcUaAuth.UserCertificate("users/operator.pem", "users/operator.key")));

        awaitSetpointChangeArrives(73.0);
    }

    @Test
    void aWrongPasswordIsLoggedWithAssetAndCauseAndTheConnectorKeepsRetrying() throws Exception {
        startStrictDevice(ServerSecurity::strict);
        trustDevice();
        passwordVariable.set("not-the-password");
        connect(secured(new OpcUaAuth.UserPassword(ServerSecurity.OPERATOR, PASSWORD_ENV)));

        String warning = log.await(Level.WARNING, "refused the username login");
        assertTrue(warning.contains("Asset " + ASSET_ID) && warning.contains("user 'operator'")
                && warning.contains("Bad_UserAccessDenied") && warning.contains(device.endpointUrl()), warning);
        assertFalse(connector.isConnected());
        TestSupport.awaitTrue(() -> !log.messages(Level.FINE, "refused the username login").isEmpty(),
                "further attempts (logged at DEBUG, the cause being unchanged)");
        assertTrue(sink.all().isEmpty(), "no data without a session");

        passwordVariable.set(PASSWORD); // the operator fixes the secret; the next attempt logs in
        awaitSetpointChangeArrives(74.0);
    }

    @Test
    void anUntrustedServerCertificateIsRejectedAndKeptUntilAnOperatorTrustsIt() throws Exception {
        startStrictDevice(ServerSecurity::strict);
        connect(secured(OpcUaAuth.ANONYMOUS));

        String warning = log.await(Level.WARNING, "is not trusted");
        assertTrue(warning.contains("Asset " + ASSET_ID) && warning.contains(device.endpointUrl())
                && warning.contains(connectorPki.resolve("trusted/certs").toString()), warning);
        Path rejected;
        try (Stream<Path> files = Files.list(connectorPki.resolve("rejected"))) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            rejected = all.get(0);
        }
        assertTrue(warning.contains(rejected.toString()), "the log names the saved file: " + warning);
        String failure = log.await(Level.WARNING, "cannot connect");
        assertTrue(failure.contains("Asset " + ASSET_ID) && failure.contains("the server certificate is not trusted"),
                failure);
        Thread.sleep(1_000); // several attempts
        assertFalse(connector.isConnected());
        assertTrue(sink.all().isEmpty());

        Files.move(rejected, connectorPki.resolve("trusted/certs").resolve(rejected.getFileName()));
        awaitSetpointChangeArrives(75.0);
    }

    @Test
    void trustAllServersIsADevelopmentSwitch() throws Exception {
        startStrictDevice(ServerSecurity::strict);
        connect(secured(OpcUaAuth.ANONYMOUS), config().withTrustAllServers(true));

        awaitSetpointChangeArrives(76.0);
        log.await(Level.WARNING, "accepted without checking");
    }

    @Test
    void aPolicyTheServerDoesNotOfferIsAClearError() throws Exception {
        startStrictDevice((pki, password, trusted) -> ServerSecurity.strict(pki, password, trusted)
                .withoutSecureEndpoint());
        connect(secured(OpcUaAuth.ANONYMOUS));

        String warning = log.await(Level.WARNING, "offers no endpoint");
        assertTrue(warning.contains("asset " + ASSET_ID) && warning.contains(device.endpointUrl())
                && warning.contains("securityPolicy Basic256Sha256, securityMode SignAndEncrypt and anonymous login")
                && warning.contains("it offers: None/None [anonymous, username, certificate]"), warning);
        assertFalse(connector.isConnected());
    }

    @Test
    void aPasswordVariableThatIsNotSetIsAClearError() throws Exception {
        startStrictDevice(ServerSecurity::strict);
        trustDevice();
        passwordVariable.set(null);
        connect(secured(new OpcUaAuth.UserPassword(ServerSecurity.OPERATOR, PASSWORD_ENV)));

        String warning = log.await(Level.WARNING, "is not set");
        assertTrue(warning.contains("asset " + ASSET_ID) && warning.contains("'" + PASSWORD_ENV + "'"), warning);
        assertFalse(warning.contains(PASSWORD), warning);
    }

    // ---- fixtures ----

    private interface DeviceSecurity {
        ServerSecurity of(Path pki, String password, List<X509Certificate> trusted);
    }

    /** The device trusts the connector's application certificate and the user certificate, nothing else. */
    private void startStrictDevice(DeviceSecurity security) throws Exception {
        X509Certificate connectorCertificate = ClientPki.at(connectorPki).applicationCertificate().certificate();
        device = new TemperatureControllerServer("127.0.0.1", port, Duration.ofMillis(100), 5L,
                security.of(devicePki, PASSWORD, List.of(connectorCertificate, userCertificate)));
        device.start();
    }

    /** What an operator does after checking the device's certificate. */
    private void trustDevice() throws Exception {
        Files.write(connectorPki.resolve("trusted/certs/device.der"), device.applicationCertificate().getEncoded());
    }

    private OpcUaConnection secured(OpcUaAuth auth) {
        return new OpcUaConnection("opc.tcp://127.0.0.1:" + port + "/openfactory", SecurityPolicy.BASIC256SHA256,
                SecurityMode.SIGN_AND_ENCRYPT, auth);
    }

    private OpcUaSecurityConfig config() {
        return new OpcUaSecurityConfig(connectorPki, false,
                name -> name.equals(PASSWORD_ENV) ? Optional.ofNullable(passwordVariable.get()) : Optional.empty());
    }

    private void connect(OpcUaConnection connection) {
        connect(connection, config());
    }

    private void connect(OpcUaConnection connection, OpcUaSecurityConfig config) {
        var asset = new AssetDefinition(ASSET_ID, "acme/plant1/area1/line1/cell1/" + ASSET_ID,
                "TemperatureController", connection, List.of(new DataItemDefinition("setpoint", Category.SAMPLE,
                ValueType.DOUBLE, null, false, OpcUaSource.node(TemperatureControllerServer.nodeId(
                TemperatureControllerServer.SETPOINT)))));
        connector = new OpcUaConnector(asset, URI.create("urn:test:" + ASSET_ID), sink, SETTINGS, config);
        connector.start();
    }

    /** Data flows: the initial setpoint, then a change made on the device. */
    private void awaitSetpointChangeArrives(double value) {
        sink.await(s -> s.dataItemId().equals("setpoint"));
        device.setSetpoint(value);
        SampleObserved changed = sink.await(s -> s.value().equals(new Value.Number(value)));
        assertEquals(ASSET_ID, changed.assetId());
        assertTrue(connector.isConnected());
    }
}
