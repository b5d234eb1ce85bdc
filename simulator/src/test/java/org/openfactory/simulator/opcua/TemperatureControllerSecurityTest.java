package org.openfactory.simulator.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The device's security page: endpoints, the operator's password, user certificates and trusted clients. */
@Timeout(60)
class TemperatureControllerSecurityTest {

    private static final String PASSWORD = "s3cret-operator";
    private static final String CLIENT_URI = "urn:openfactory:test:client";

    private static KeyPair clientKeys;
    private static X509Certificate clientCertificate;
    private static KeyPair userKeys;
    private static X509Certificate userCertificate;

    @TempDir
    Path pki;

    private TemperatureControllerServer server;
    private OpcUaClient client;

    @BeforeAll
    static void makeCertificates() throws Exception {
        clientKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        clientCertificate = new SelfSignedCertificateBuilder(clientKeys).setCommonName("test client")
                .setApplicationUri(CLIENT_URI).addDnsName("localhost").build();
        userKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        userCertificate = new SelfSignedCertificateBuilder(userKeys).setCommonName("line operator").build();
    }

    @AfterEach
    void stop() throws UaException {
        if (client != null) {
            client.disconnect();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void offersNoneAndBasic256Sha256SignAndEncryptWithEveryLogin() throws Exception {
        start(ServerSecurity.strict(pki, PASSWORD, List.of(clientCertificate, userCertificate)));
        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(server.endpointUrl()).get();
        assertEquals(Set.of("None/None", "Basic256Sha256/SignAndEncrypt"), endpoints.stream()
                .map(e -> SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri()).orElseThrow() + "/"
                        + e.getSecurityMode())
                .collect(Collectors.toSet()));
        for (EndpointDescription endpoint : endpoints) {
            assertEquals(Set.of(UserTokenType.Anonymous, UserTokenType.UserName, UserTokenType.Certificate),
                    Stream.of(endpoint.getUserIdentityTokens()).map(t -> t.getTokenType()).collect(Collectors.toSet()));
        }
        assertTrue(Files.isRegularFile(pki.resolve("own/application.pfx")), "certificate kept in the PKI folder");
    }

    @Test
    void theOperatorLogsInOverAnEncryptedChannelAndAWrongPasswordIsDenied() throws Exception {
        start(ServerSecurity.strict(pki, PASSWORD, List.of(clientCertificate)));
        client = secureClient(new UsernameProvider(ServerSecurity.OPERATOR, PASSWORD));
        client.connect();
        assertEquals(60.0, readSetpoint());
        client.disconnect();

        client = secureClient(new UsernameProvider(ServerSecurity.OPERATOR, "guess"));
        UaException denied = assertThrows(UaException.class, client::connect);
        assertEquals(StatusCodes.Bad_UserAccessDenied, statusOf(denied), denied.toString());
        client = null;
    }

    @Test
    void aTrustedUserCertificateLogsInAndAnUnknownOneIsRejected() throws Exception {
        start(ServerSecurity.strict(pki, PASSWORD, List.of(clientCertificate, userCertificate)));
        client = secureClient(new X509IdentityProvider(userCertificate, userKeys.getPrivate()));
        client.connect();
        assertEquals(60.0, readSetpoint());
        client.disconnect();

        KeyPair strangerKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate stranger = new SelfSignedCertificateBuilder(strangerKeys).setCommonName("stranger").build();
        client = secureClient(new X509IdentityProvider(stranger, strangerKeys.getPrivate()));
        assertThrows(UaException.class, client::connect);
        client = null;
    }

    @Test
    void anUntrustedClientApplicationIsRejectedAndItsCertificateKept() throws Exception {
        start(ServerSecurity.strict(pki, PASSWORD, List.of(userCertificate)));
        client = secureClient(new AnonymousProvider());
        assertThrows(UaException.class, client::connect);
        client = null;
        try (Stream<Path> rejected = Files.list(pki.resolve("rejected"))) {
            assertEquals(1, rejected.count(), "the client's certificate is in rejected/ for an operator to trust");
        }
    }

    @Test
    void byDefaultAnyClientApplicationIsAcceptedOnTheSecureEndpoint() throws Exception {
        server = new TemperatureControllerServer("127.0.0.1", freePort(), Duration.ofMillis(100), 7L);
        server.start();
        client = secureClient(new AnonymousProvider());
        client.connect();
        assertEquals(60.0, readSetpoint());
    }

    private void start(ServerSecurity security) throws IOException {
        server = new TemperatureControllerServer("127.0.0.1", freePort(), Duration.ofMillis(100), 7L, security);
        server.start();
    }

    private OpcUaClient secureClient(IdentityProvider identity) throws UaException {
        return OpcUaClient.create(server.endpointUrl(),
                endpoints -> endpoints.stream()
                        .filter(e -> SecurityPolicy.Basic256Sha256.getUri().equals(e.getSecurityPolicyUri())
                                && e.getSecurityMode() == MessageSecurityMode.SignAndEncrypt)
                        .findFirst()
                        .map(e -> EndpointUtil.updateUrl(e, "127.0.0.1")),
                transport -> { },
                config -> config.setApplicationName(LocalizedText.english("test client"))
                        .setApplicationUri(CLIENT_URI)
                        .setKeyPair(clientKeys)
                        .setCertificate(clientCertificate)
                        .setCertificateChain(new X509Certificate[] {clientCertificate})
                        .setIdentityProvider(identity)
                        .setRequestTimeout(uint(5000)));
    }

    private Object readSetpoint() throws UaException {
        return client.readValue(0.0, TimestampsToReturn.Both,
                NodeId.parse(TemperatureControllerServer.nodeId(TemperatureControllerServer.SETPOINT))).value().value();
    }

    /** The first specific status in the cause chain (wrappers carry Bad_UnexpectedError). */
    private static long statusOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UaException ua && ua.getStatusCode().value() != StatusCodes.Bad_UnexpectedError) {
                return ua.getStatusCode().value();
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
