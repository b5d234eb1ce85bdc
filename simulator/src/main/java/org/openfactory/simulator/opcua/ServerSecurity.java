package org.openfactory.simulator.opcua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How the simulated device secures itself, like the security page of a real controller.
 *
 * @param pkiDir                     the device's own PKI folder: its application certificate ({@code own/}), and
 *                                   the client certificates it refused ({@code rejected/})
 * @param offerSecureEndpoint        also serve a Basic256Sha256 / SignAndEncrypt endpoint (beside None)
 * @param operatorPassword           the password of user {@value #OPERATOR}; null: no user name login
 * @param trustedCertificates        client application certificates and X.509 user certificates the device trusts
 * @param trustAllClientApplications accept any client's application certificate (a device in commissioning);
 *                                   user certificates must still be in {@code trustedCertificates}
 */
public record ServerSecurity(Path pkiDir, boolean offerSecureEndpoint, String operatorPassword,
                             List<X509Certificate> trustedCertificates, boolean trustAllClientApplications) {

    /** The one user name the device knows. */
    public static final String OPERATOR = "operator";

    public ServerSecurity {
        Objects.requireNonNull(pkiDir, "pkiDir");
        trustedCertificates = List.copyOf(trustedCertificates);
    }

    /**
     * A fresh temporary PKI folder, the secure endpoint, no user name login, any client application accepted: what
     * the virtual factory needs to talk to the platform out of the box.
     */
    public static ServerSecurity defaults() {
        try {
            Path pki = Files.createTempDirectory("openfactory-simulator-pki");
            // A throwaway folder: removed when the JVM exits (deleteOnExit deletes in reverse order of registration).
            for (Path p : List.of(pki, pki.resolve("own"), pki.resolve("rejected"),
                    pki.resolve("own").resolve(ServerPki.KEY_STORE_FILE))) {
                p.toFile().deleteOnExit();
            }
            return new ServerSecurity(pki, true, null, List.of(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a PKI folder for the simulated device", e);
        }
    }

    /** Strict: only the given certificates are trusted, the operator logs in with {@code password}. */
    public static ServerSecurity strict(Path pkiDir, String operatorPassword, List<X509Certificate> trusted) {
        return new ServerSecurity(pkiDir, true, operatorPassword, trusted, false);
    }

    /** The same device without its Basic256Sha256 endpoint (only None). */
    public ServerSecurity withoutSecureEndpoint() {
        return new ServerSecurity(pkiDir, false, operatorPassword, trustedCertificates, trustAllClientApplications);
    }

    public Path rejectedDir() {
        return pkiDir.resolve("rejected");
    }
}
