package org.openfactory.ingestion.northbound.opcua;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installation-wide OPC UA security of the connectors (one per server, not per asset): where their PKI folder is,
 * whether server certificates are checked, and where secrets named in asset files are looked up.
 *
 * @param pkiDir           the connectors' PKI folder ({@value #PKI_DIR}): {@code own/} holds their application
 *                         instance certificate, {@code trusted/certs/} the server certificates they trust,
 *                         {@code rejected/} the ones they refused
 * @param trustAllServers  accept every server certificate without checking ({@value #TRUST_ALL_SERVERS});
 *                         for development only
 * @param secrets          finds the password an asset file names in {@code passwordEnv}
 */
public record OpcUaSecurityConfig(Path pkiDir, boolean trustAllServers, SecretLookup secrets) {

    public static final String PKI_DIR = "openfactory.opcua.pki-dir";
    public static final String TRUST_ALL_SERVERS = "openfactory.opcua.trust-all-servers";

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSecurityConfig.class);

    public OpcUaSecurityConfig {
        Objects.requireNonNull(pkiDir, "pkiDir");
        Objects.requireNonNull(secrets, "secrets");
    }

    /** Finds a secret by the name an asset file gives; empty when it is not set. */
    @FunctionalInterface
    public interface SecretLookup {
        Optional<String> find(String name);
    }

    /**
     * From MicroProfile Config when the server provides it, else from system properties and environment variables.
     * Without {@value #PKI_DIR}: {@code <server.output.dir>/opcua-pki} in Liberty, else a folder in the temp dir.
     */
    public static OpcUaSecurityConfig fromEnvironment() {
        SecretLookup config = MicroProfileConfigLookup.orEmpty();
        SecretLookup secrets = name -> config.find(name)
                .or(() -> Optional.ofNullable(System.getenv(name)))
                .or(() -> Optional.ofNullable(System.getProperty(name)))
                .filter(value -> !value.isEmpty());
        Path pki = setting(secrets, PKI_DIR).map(Path::of).orElseGet(OpcUaSecurityConfig::defaultPkiDir);
        boolean trustAll = setting(secrets, TRUST_ALL_SERVERS).map(v -> v.strip().equalsIgnoreCase("true"))
                .orElse(false);
        if (trustAll) {
            LOG.warn("OPC UA: {}=true, every server certificate is accepted without checking; development only",
                    TRUST_ALL_SERVERS);
        }
        return new OpcUaSecurityConfig(pki.toAbsolutePath(), trustAll, secrets);
    }

    public OpcUaSecurityConfig withTrustAllServers(boolean trustAll) {
        return new OpcUaSecurityConfig(pkiDir, trustAll, secrets);
    }

    public OpcUaSecurityConfig withSecrets(SecretLookup lookup) {
        return new OpcUaSecurityConfig(pkiDir, trustAllServers, lookup);
    }

    /** A setting by its name, or by its environment variable form (OPENFACTORY_OPCUA_PKI_DIR) without MP Config. */
    private static Optional<String> setting(SecretLookup lookup, String name) {
        return lookup.find(name).or(() -> lookup.find(name.toUpperCase(java.util.Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "_")));
    }

    private static Path defaultPkiDir() {
        String serverOutput = System.getProperty("server.output.dir"); // set by Liberty
        return serverOutput != null ? Path.of(serverOutput, "opcua-pki")
                : Path.of(System.getProperty("java.io.tmpdir"), "openfactory-opcua-pki");
    }

    /** MicroProfile Config, touched only here so the connector also runs where it is absent (tests, CLI). */
    private static final class MicroProfileConfigLookup {
        static SecretLookup orEmpty() {
            try {
                var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
                return name -> config.getOptionalValue(name, String.class);
            } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
                return name -> Optional.empty(); // no MicroProfile Config implementation here
            }
        }
    }
}
