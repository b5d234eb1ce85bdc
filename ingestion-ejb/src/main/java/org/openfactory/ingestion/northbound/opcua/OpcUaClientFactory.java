package org.openfactory.ingestion.northbound.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.openfactory.registry.asset.OpcUaAuth;
import org.openfactory.registry.asset.OpcUaConnection;

/**
 * Builds the Milo client for one asset's OPC UA connection as its asset file says: picks the server endpoint with
 * the asked security policy and mode that takes the asked login, presents the connectors' application certificate
 * on secured channels, checks the server's certificate against the PKI folder, and logs in anonymously, with a user
 * name (password from the variable {@code passwordEnv} names) or with a user certificate.
 *
 * <p>Everything that depends on configuration rather than on the network fails with an {@link OpcUaSetupException}
 * whose message names the asset, the endpoint and what to change.
 */
public final class OpcUaClientFactory {

    private final String assetId;
    private final OpcUaConnection connection;
    private final String endpointUrl;
    private final Duration requestTimeout;
    private final OpcUaSecurityConfig security;

    public OpcUaClientFactory(String assetId, OpcUaConnection connection, Duration requestTimeout,
                              OpcUaSecurityConfig security) {
        this.assetId = Objects.requireNonNull(assetId, "assetId");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.endpointUrl = connection.endpoint();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.security = Objects.requireNonNull(security, "security");
        if (EndpointUtil.getHost(endpointUrl) == null) {
            throw new IllegalArgumentException("asset " + assetId + " has no valid OPC UA endpoint: " + endpointUrl);
        }
    }

    /** A configuration, credential or trust problem: retrying alone will not fix it. */
    public static final class OpcUaSetupException extends Exception {
        OpcUaSetupException(String message) {
            super(message);
        }

        OpcUaSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A client for the matching endpoint, not connected yet. Asks the server for its endpoints first. */
    public OpcUaClient newClient() throws Exception {
        EndpointDescription endpoint = selectEndpoint(discoverEndpoints());
        OpcUaClientConfigBuilder config = OpcUaClientConfig.builder()
                .setEndpoint(endpoint)
                .setApplicationName(LocalizedText.english("OpenFactory OPC UA connector"))
                .setApplicationUri(ClientPki.APPLICATION_URI)
                .setSessionName(() -> "openfactory:" + assetId)
                .setRequestTimeout(uint(requestTimeout.toMillis()));
        CertificateValidator serverValidator = pki().serverValidator(assetId, endpointUrl,
                security.trustAllServers());
        config.setCertificateValidator(serverValidator);
        if (connection.isSecured()) {
            ClientPki.ApplicationCertificate own = applicationCertificate();
            config.setKeyPair(own.keyPair())
                    .setCertificate(own.certificate())
                    .setCertificateChain(new X509Certificate[] {own.certificate()});
        }
        config.setIdentityProvider(identity(serverValidator));
        return new OpcUaClient(config.build(), new OpcTcpClientTransport(OpcTcpClientTransportConfig.newBuilder()
                .setConnectTimeout(uint(requestTimeout.toMillis()))
                .build()));
    }

    /** The connection this factory serves. */
    public OpcUaConnection connection() {
        return connection;
    }

    private List<EndpointDescription> discoverEndpoints() throws Exception {
        return DiscoveryClient
                .getEndpoints(endpointUrl, b -> b.setConnectTimeout(uint(requestTimeout.toMillis())))
                .get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The first endpoint with the asked policy and mode that takes the asked login. */
    EndpointDescription selectEndpoint(List<EndpointDescription> offered) throws OpcUaSetupException {
        String policyUri = policy().getUri();
        MessageSecurityMode mode = mode();
        UserTokenType login = loginType();
        EndpointDescription endpoint = offered.stream()
                .filter(e -> policyUri.equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == mode)
                .filter(e -> tokenTypes(e).contains(login))
                .findFirst()
                .orElseThrow(() -> new OpcUaSetupException("asset " + assetId + ": " + endpointUrl + " offers no "
                        + "endpoint with securityPolicy " + connection.securityPolicy().id() + ", securityMode "
                        + connection.securityMode().id() + " and " + connection.auth().type() + " login; it offers: "
                        + describe(offered)));
        // Servers often advertise a hostname we cannot resolve; the configured address reached them already.
        return EndpointUtil.updateUrl(endpoint, EndpointUtil.getHost(endpointUrl), EndpointUtil.getPort(endpointUrl));
    }

    /** E.g. {@code None/None [anonymous, username], Basic256Sha256/SignAndEncrypt [anonymous, username]}. */
    static String describe(List<EndpointDescription> endpoints) {
        if (endpoints.isEmpty()) {
            return "no endpoints";
        }
        return endpoints.stream().map(e -> SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
                        .map(SecurityPolicy::name).orElse(String.valueOf(e.getSecurityPolicyUri()))
                        + "/" + e.getSecurityMode() + " " + tokenTypes(e).stream()
                        .map(OpcUaClientFactory::loginName).toList())
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private static List<UserTokenType> tokenTypes(EndpointDescription endpoint) {
        UserTokenPolicy[] tokens = endpoint.getUserIdentityTokens();
        return tokens == null ? List.of() : Stream.of(tokens).map(UserTokenPolicy::getTokenType).distinct().toList();
    }

    private static String loginName(UserTokenType type) {
        if (type == UserTokenType.UserName) {
            return OpcUaAuth.USERNAME_TYPE;
        }
        return type == UserTokenType.Certificate ? OpcUaAuth.CERTIFICATE_TYPE : type.name().toLowerCase(Locale.ROOT);
    }

    private SecurityPolicy policy() {
        return connection.securityPolicy() == OpcUaConnection.SecurityPolicy.BASIC256SHA256
                ? SecurityPolicy.Basic256Sha256 : SecurityPolicy.None;
    }

    private MessageSecurityMode mode() {
        switch (connection.securityMode()) {
            case SIGN:
                return MessageSecurityMode.Sign;
            case SIGN_AND_ENCRYPT:
                return MessageSecurityMode.SignAndEncrypt;
            default:
                return MessageSecurityMode.None;
        }
    }

    private UserTokenType loginType() {
        OpcUaAuth auth = connection.auth();
        if (auth instanceof OpcUaAuth.UserPassword) {
            return UserTokenType.UserName;
        }
        return auth instanceof OpcUaAuth.UserCertificate ? UserTokenType.Certificate : UserTokenType.Anonymous;
    }

    private IdentityProvider identity(CertificateValidator serverValidator) throws OpcUaSetupException {
        OpcUaAuth auth = connection.auth();
        if (auth instanceof OpcUaAuth.UserPassword user) {
            String password = security.secrets().find(user.passwordEnv()).orElseThrow(() -> new OpcUaSetupException(
                    "asset " + assetId + ": the password of user '" + user.username() + "' for " + endpointUrl
                            + " is not set: define the environment variable or config property '"
                            + user.passwordEnv() + "' (named by connector.auth.passwordEnv)"));
            // The server's certificate encrypts the password, so it is checked like the channel's.
            return new UsernameProvider(user.username(), () -> password.getBytes(StandardCharsets.UTF_8),
                    serverValidator);
        }
        if (auth instanceof OpcUaAuth.UserCertificate certificate) {
            Path certificateFile = resolve(certificate.certificateFile());
            Path keyFile = resolve(certificate.privateKeyFile());
            try {
                List<X509Certificate> chain = PemFiles.certificates(certificateFile);
                PrivateKey key = PemFiles.privateKey(keyFile);
                return new X509IdentityProvider(chain, key);
            } catch (IOException | GeneralSecurityException e) {
                throw new OpcUaSetupException("asset " + assetId + ": cannot read the user certificate "
                        + certificateFile + " or its key " + keyFile + " (connector.auth): " + e.getMessage(), e);
            }
        }
        return new AnonymousProvider();
    }

    /** Relative user certificate paths are relative to the PKI folder, where such files belong. */
    private Path resolve(String file) {
        return security.pkiDir().resolve(file);
    }

    private ClientPki pki() throws OpcUaSetupException {
        try {
            return ClientPki.at(security.pkiDir());
        } catch (IOException e) {
            throw new OpcUaSetupException("asset " + assetId + ": cannot use the OPC UA PKI folder "
                    + security.pkiDir() + " (" + OpcUaSecurityConfig.PKI_DIR + "): " + e, e);
        }
    }

    private ClientPki.ApplicationCertificate applicationCertificate() throws OpcUaSetupException {
        try {
            return pki().applicationCertificate();
        } catch (IOException | GeneralSecurityException e) {
            throw new OpcUaSetupException("asset " + assetId + ": no application instance certificate for "
                    + endpointUrl + " in " + security.pkiDir() + "/own: " + e.getMessage(), e);
        }
    }

    /**
     * The cause of a failed connect as one line for operators: credentials and trust problems are spelt out, other
     * failures give their innermost cause (e.g. "ConnectException: Connection refused").
     */
    public String explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OpcUaSetupException setup) {
                return setup.getMessage();
            }
            if (t instanceof UaException ua) {
                long code = ua.getStatusCode().value();
                if (code == StatusCodes.Bad_UserAccessDenied || code == StatusCodes.Bad_IdentityTokenRejected
                        || code == StatusCodes.Bad_IdentityTokenInvalid) {
                    return "the server refused the " + connection.auth().type() + " login" + user() + " ("
                            + StatusCodes.lookup(code).map(n -> n[0]).orElse(ua.getStatusCode().toString())
                            + "); check the credentials in connector.auth";
                }
                if (code == StatusCodes.Bad_CertificateUntrusted) {
                    return "the server certificate is not trusted (Bad_CertificateUntrusted); it is saved in "
                            + security.pkiDir().resolve("rejected") + ", move it to "
                            + security.pkiDir().resolve("trusted/certs") + " to trust it";
                }
                if (code == StatusCodes.Bad_SecurityChecksFailed) {
                    return "the secure channel was refused (Bad_SecurityChecksFailed); the server may not trust the "
                            + "connectors' application certificate in " + security.pkiDir().resolve("own") + " yet";
                }
            }
        }
        return OpcUaConnector.describe(failure);
    }

    private String user() {
        return connection.auth() instanceof OpcUaAuth.UserPassword user ? " of user '" + user.username() + "'" : "";
    }
}
