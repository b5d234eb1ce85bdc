package org.openfactory.simulator.opcua;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.X509IdentityValidator;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.KeyStoreCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;

/**
 * The device's certificates and logins, built from its {@link ServerSecurity}: an application certificate made
 * self-signed on first start and kept in {@code <pki>/own/}, the trust list, and who may log in.
 */
final class ServerPki {

    static final String KEY_STORE_FILE = "application.pfx";

    /** Protects the key store on disk; the folder's permissions are what really guard a simulator's key. */
    private static final char[] KEY_STORE_PASSWORD = "openfactory-simulator".toCharArray();

    private final ServerSecurity security;
    private final CertificateManager certificateManager;
    private final X509Certificate certificate;

    private ServerPki(ServerSecurity security, CertificateManager certificateManager, X509Certificate certificate) {
        this.security = security;
        this.certificateManager = certificateManager;
        this.certificate = certificate;
    }

    static ServerPki open(ServerSecurity security, String applicationUri, String hostname) throws Exception {
        Path own = Files.createDirectories(security.pkiDir().resolve("own"));
        var store = KeyStoreCertificateStore.createAndInitialize(new KeyStoreCertificateStore.Settings(
                own.resolve(KEY_STORE_FILE), () -> KEY_STORE_PASSWORD, alias -> KEY_STORE_PASSWORD));
        var trustList = new MemoryTrustListManager();
        trustList.setTrustedCertificates(security.trustedCertificates());
        var quarantine = FileBasedCertificateQuarantine.create(security.rejectedDir());
        CertificateValidator validator = security.trustAllClientApplications()
                ? new CertificateValidator.InsecureCertificateValidator()
                : new DefaultServerCertificateValidator(trustList, quarantine);
        var group = DefaultApplicationGroup.createAndInitialize(trustList, store,
                new SelfSigned(applicationUri, hostname), validator);
        X509Certificate certificate = group.getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
                .orElseThrow(() -> new IllegalStateException("no application certificate in " + own))[0];
        return new ServerPki(security, new DefaultCertificateManager(quarantine, group), certificate);
    }

    CertificateManager certificateManager() {
        return certificateManager;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** Anonymous always; the operator with the configured password; any trusted user certificate. */
    IdentityValidator identityValidator() {
        List<IdentityValidator> validators = new ArrayList<>();
        validators.add(AnonymousIdentityValidator.INSTANCE);
        if (security.operatorPassword() != null) {
            byte[] expected = security.operatorPassword().getBytes(StandardCharsets.UTF_8);
            validators.add(new UsernameIdentityValidator(challenge -> ServerSecurity.OPERATOR.equals(
                    challenge.getUsername()) && MessageDigest.isEqual(expected,
                    challenge.getPassword().getBytes(StandardCharsets.UTF_8))));
        }
        validators.add(new X509IdentityValidator(security.trustedCertificates()::contains));
        return new CompositeValidator(validators);
    }

    boolean acceptsUsernames() {
        return security.operatorPassword() != null;
    }

    /** Makes the device's certificate on first start. */
    private static final class SelfSigned extends RsaSha256CertificateFactory {
        private final String applicationUri;
        private final String hostname;

        SelfSigned(String applicationUri, String hostname) {
            this.applicationUri = applicationUri;
            this.hostname = hostname;
        }

        @Override
        protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
            var builder = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("OpenFactory simulated temperature controller")
                    .setOrganization("OpenFactory")
                    .setApplicationUri(applicationUri)
                    .addDnsName("localhost")
                    .addIpAddress("127.0.0.1");
            if (hostname.matches("[0-9.]+|.*:.*")) {
                if (!"127.0.0.1".equals(hostname)) {
                    builder.addIpAddress(hostname);
                }
            } else if (!"localhost".equals(hostname)) {
                builder.addDnsName(hostname);
            }
            return new X509Certificate[] {builder.build()};
        }
    }
}
