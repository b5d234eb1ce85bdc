package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User certificates and keys as OpenSSL writes them. */
class PemFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsACertificateAndPkcs8AndPkcs1RsaKeys() throws Exception {
        KeyPair keys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate certificate = new SelfSignedCertificateBuilder(keys).setCommonName("user").build();
        Path certificateFile = Files.writeString(dir.resolve("user.pem"), PemFiles.pem(certificate));
        assertEquals(List.of(certificate), PemFiles.certificates(certificateFile));

        byte[] pkcs8 = keys.getPrivate().getEncoded();
        Path pkcs8File = Files.writeString(dir.resolve("user.key"), PemFiles.pem("PRIVATE KEY", pkcs8));
        assertEquals(keys.getPrivate(), PemFiles.privateKey(pkcs8File));

        // PKCS#8 of a 2048-bit RSA key = 26 header bytes + the PKCS#1 RSAPrivateKey ("openssl genrsa -traditional")
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        Path pkcs1File = Files.writeString(dir.resolve("user-rsa.key"), PemFiles.pem("RSA PRIVATE KEY", pkcs1));
        assertEquals(keys.getPrivate(), PemFiles.privateKey(pkcs1File));
    }

    @Test
    void anEncryptedOrMissingKeyIsExplained() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("enc.key"), PemFiles.pem("ENCRYPTED PRIVATE KEY", new byte[16]));
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> PemFiles.privateKey(encrypted));
        assertTrue(e.getMessage().contains("encrypted key"), e.getMessage());

        Path none = Files.writeString(dir.resolve("none.key"), "not a key");
        e = assertThrows(GeneralSecurityException.class, () -> PemFiles.privateKey(none));
        assertTrue(e.getMessage().contains("holds no PEM private key"), e.getMessage());
    }
}
