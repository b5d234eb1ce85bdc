package org.openfactory.ingestion.northbound.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors' PKI folder, in the usual OPC UA layout:
 * <pre>
 * own/openfactory-connector.pfx   the connectors' application instance certificate and key (made on first use)
 * own/openfactory-connector.der   the same certificate alone, to put into devices' trust lists
 * trusted/certs/  trusted/crl/    server certificates (DER or PEM) the connectors trust, and revocation lists
 * issuers/certs/  issuers/crl/    CA certificates that may sign server certificates (not trusted by themselves)
 * rejected/                       server certificates that were refused, for an operator to inspect and trust
 * </pre>
 * The trust list is read from disk on every check, so a certificate moved into {@code trusted/certs/} counts from
 * the next connect attempt on, without a restart. All connectors of a server share one instance per folder.
 */
final class ClientPki {

    static final String APPLICATION_URI = "urn:openfactory:ingestion:opcua";

    private static final Logger LOG = LoggerFactory.getLogger(ClientPki.class);
    private static final Map<Path, ClientPki> BY_DIR = new ConcurrentHashMap<>();
    private static final String KEY_STORE_FILE = "openfactory-connector.pfx";
    private static final String CERTIFICATE_FILE = "openfactory-connector.der";
    private static final String KEY_ALIAS = "application";
    /** The key store's file permissions protect the key; the password only satisfies the PKCS#12 format. */
    private static final char[] KEY_STORE_PASSWORD = "openfactory".toCharArray();

    private final Path dir;
    private final CertificateQuarantine quarantine;
    /** "asset|thumbprint" pairs already explained at WARN; repeats go to DEBUG. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile ApplicationCertificate applicationCertificate;

    private ClientPki(Path dir) throws IOException {
        this.dir = dir;
        for (Path sub : List.of(trustedCerts(), dir.resolve("trusted/crl"), dir.resolve("issuers/certs"),
                dir.resolve("issuers/crl"), rejected(), dir.resolve("own"))) {
            Files.createDirectories(sub);
        }
        this.quarantine = FileBasedCertificateQuarantine.create(rejected());
    }

    /** The shared instance for {@code dir}; creates the folders on first use. */
    static ClientPki at(Path dir) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        ClientPki existing = BY_DIR.get(key);
        if (existing != null) {
            return existing;
        }
        ClientPki created = new ClientPki(key);
        ClientPki raced = BY_DIR.putIfAbsent(key, created);
        return raced != null ? raced : created;
    }

    Path dir() {
        return dir;
    }

    Path trustedCerts() {
        return dir.resolve("trusted/certs");
    }

    Path rejected() {
        return dir.resolve("rejected");
    }

    /** The key pair and self-signed certificate the connectors present on secured channels. */
    record ApplicationCertificate(KeyPair keyPair, X509Certificate certificate) {
    }

    /** Loaded from {@code own/}, or made self-signed and saved there on first use. */
    ApplicationCertificate applicationCertificate() throws IOException, GeneralSecurityException {
        ApplicationCertificate loaded = applicationCertificate;
        if (loaded == null) {
            synchronized (this) {
                loaded = applicationCertificate;
                if (loaded == null) {
                    loaded = loadOrCreate(dir.resolve("own").resolve(KEY_STORE_FILE));
                    applicationCertificate = loaded;
                }
            }
        }
        return loaded;
    }

    private static ApplicationCertificate loadOrCreate(Path file) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            create(file);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, KEY_STORE_PASSWORD);
        }
        if (!(store.getKey(KEY_ALIAS, KEY_STORE_PASSWORD) instanceof PrivateKey key)
                || !(store.getCertificate(KEY_ALIAS) instanceof X509Certificate certificate)) {
            throw new GeneralSecurityException(file + " holds no '" + KEY_ALIAS + "' key and certificate; move it "
                    + "away to have a new application certificate made");
        }
        Path der = file.resolveSibling(CERTIFICATE_FILE);
        if (!Files.exists(der)) {
            Files.write(der, certificate.getEncoded()); // for operators to hand to devices' trust lists
        }
        return new ApplicationCertificate(new KeyPair(certificate.getPublicKey(), key), certificate);
    }

    /** Written to a temporary file and moved in place, so another JVM sharing the folder never reads half a file. */
    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate certificate;
        try {
            var builder = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("OpenFactory OPC UA connector")
                    .setOrganization("OpenFactory")
                    .setApplicationUri(APPLICATION_URI)
                    .addDnsName("localhost");
            String host = localHostName();
            if (host != null && !host.equals("localhost")) {
                builder.addDnsName(host);
            }
            certificate = builder.build();
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot make the application certificate", e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, KEY_STORE_PASSWORD);
        store.setKeyEntry(KEY_ALIAS, keyPair.getPrivate(), KEY_STORE_PASSWORD, new Certificate[] {certificate});
        Path temp = Files.createTempFile(file.getParent(), ".connector", ".tmp");
        try {
            ownerOnly(temp);
            try (OutputStream out = Files.newOutputStream(temp)) {
                store.store(out, KEY_STORE_PASSWORD);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
            LOG.info("OPC UA: made the connectors' application instance certificate {} (SHA-1 {}) in {}",
                    certificate.getSubjectX500Principal(), thumbprint(certificate), file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Checks server certificates against the trust list on disk. An unknown certificate is refused, saved to
     * {@code rejected/}, and the operator is told how to trust it.
     */
    CertificateValidator serverValidator(String assetId, String endpointUrl, boolean trustAll) {
        if (trustAll) {
            return (chain, applicationUri, hostnames) -> {
                if (reported.add(assetId + "|trust-all|" + thumbprint(chain.get(0)))) {
                    LOG.warn("Asset {}: server certificate of {} ({}) accepted without checking: {}=true "
                                    + "(development only)", assetId, endpointUrl,
                            chain.get(0).getSubjectX500Principal(), OpcUaSecurityConfig.TRUST_ALL_SERVERS);
                }
            };
        }
        return (chain, applicationUri, hostnames) -> {
            var trustList = new MemoryTrustListManager();
            trustList.setTrustedCertificates(certificates(trustedCerts()));
            trustList.setTrustedCrls(crls(dir.resolve("trusted/crl")));
            trustList.setIssuerCertificates(certificates(dir.resolve("issuers/certs")));
            trustList.setIssuerCrls(crls(dir.resolve("issuers/crl")));
            try {
                new DefaultClientCertificateValidator(trustList, quarantine)
                        .validateCertificateChain(chain, applicationUri, hostnames);
            } catch (UaException e) {
                explainRejection(assetId, endpointUrl, chain.get(0), e);
                // Our own verdict, so the connect failure says "not trusted" and not just "security checks failed".
                throw new UaException(StatusCodes.Bad_CertificateUntrusted, "server certificate of " + endpointUrl
                        + " is not trusted: " + e.getMessage(), e);
            }
        };
    }

    private void explainRejection(String assetId, String endpointUrl, X509Certificate certificate, UaException e) {
        String thumbprint = thumbprint(certificate);
        // FileBasedCertificateQuarantine names files by the SHA-1 of the certificate's signature
        Path saved = rejected().resolve(signatureDigest(certificate) + ".der");
        String message = "Asset {}: the server certificate of {} ({}, SHA-1 {}) is not trusted ({}); it was saved as "
                + "{}. To trust this server, move that file to {} (the next connect attempt picks it up); for "
                + "development only, {}=true trusts every server";
        Object[] args = {assetId, endpointUrl, certificate.getSubjectX500Principal(), thumbprint,
                e.getStatusCode(), saved, trustedCerts() + "/", OpcUaSecurityConfig.TRUST_ALL_SERVERS};
        if (reported.add(assetId + "|" + thumbprint)) {
            LOG.warn(message, args);
        } else {
            LOG.debug(message, args);
        }
    }

    private static List<X509Certificate> certificates(Path folder) {
        List<X509Certificate> found = new ArrayList<>();
        for (Path file : files(folder)) {
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    found.add((X509Certificate) c);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.warn("OPC UA: {} is not a certificate (DER or PEM), ignored: {}", file, e.toString());
            }
        }
        return found;
    }

    private static List<X509CRL> crls(Path folder) {
        List<X509CRL> found = new ArrayList<>();
        for (Path file : files(folder)) {
            try (InputStream in = Files.newInputStream(file)) {
                for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                    found.add((X509CRL) crl);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.warn("OPC UA: {} is not a revocation list (DER or PEM), ignored: {}", file, e.toString());
            }
        }
        return found;
    }

    private static List<Path> files(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry) && !entry.getFileName().toString().startsWith(".")) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            LOG.warn("OPC UA: cannot read {}: {}", folder, e.toString());
        }
        return files;
    }

    /** The SHA-1 of the DER encoding, as OPC UA tools show it. */
    static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }

    private static String signatureDigest(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getSignature()));
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }
}
