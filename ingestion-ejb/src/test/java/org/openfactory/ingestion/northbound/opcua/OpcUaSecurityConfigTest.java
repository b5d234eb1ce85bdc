package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Without MicroProfile Config (tests, CLI) settings and secrets come from system properties and the environment. */
class OpcUaSecurityConfigTest {

    @Test
    void settingsAndSecretsComeFromSystemPropertiesWithoutMicroProfileConfig() {
        try {
            System.setProperty(OpcUaSecurityConfig.PKI_DIR, "/var/lib/openfactory/pki");
            System.setProperty(OpcUaSecurityConfig.TRUST_ALL_SERVERS, "true");
            System.setProperty("OPCUA_TEST_SECRET", "s3cret");
            OpcUaSecurityConfig config = OpcUaSecurityConfig.fromEnvironment();
            assertEquals(Path.of("/var/lib/openfactory/pki"), config.pkiDir());
            assertTrue(config.trustAllServers());
            assertEquals(Optional.of("s3cret"), config.secrets().find("OPCUA_TEST_SECRET"));
            assertEquals(Optional.empty(), config.secrets().find("OPCUA_TEST_SECRET_NOT_SET"));
        } finally {
            System.clearProperty(OpcUaSecurityConfig.PKI_DIR);
            System.clearProperty(OpcUaSecurityConfig.TRUST_ALL_SERVERS);
            System.clearProperty("OPCUA_TEST_SECRET");
        }
    }

    @Test
    void byDefaultServersAreCheckedAndThePkiFolderIsInTheTempDirOutsideLiberty() {
        assumeTrue(System.getenv("OPENFACTORY_OPCUA_PKI_DIR") == null, "a PKI folder is configured here");
        OpcUaSecurityConfig config = OpcUaSecurityConfig.fromEnvironment();
        assertFalse(config.trustAllServers());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "openfactory-opcua-pki").toAbsolutePath(),
                config.pkiDir());
    }
}
