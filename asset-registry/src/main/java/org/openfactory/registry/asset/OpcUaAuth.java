package org.openfactory.registry.asset;

import java.util.List;
import java.util.Objects;

/**
 * How the OPC UA connector logs in to the server ({@code connector.auth} in the asset file). Secrets never live in
 * the definition: a password is named by the environment variable (or MicroProfile Config property) that holds it,
 * a private key by the file it is in.
 */
public sealed interface OpcUaAuth {

    String ANONYMOUS_TYPE = "anonymous";
    String USERNAME_TYPE = "username";
    String CERTIFICATE_TYPE = "certificate";

    /** The types, in the order the file format documents them. */
    List<String> TYPES = List.of(ANONYMOUS_TYPE, USERNAME_TYPE, CERTIFICATE_TYPE);

    OpcUaAuth ANONYMOUS = new Anonymous();

    /** The {@code type} in the asset file. */
    String type();

    /** No user: the server's anonymous login. */
    record Anonymous() implements OpcUaAuth {
        @Override
        public String type() {
            return ANONYMOUS_TYPE;
        }
    }

    /**
     * A user name and password.
     *
     * @param passwordEnv the name of the environment variable or MicroProfile Config property holding the password
     */
    record UserPassword(String username, String passwordEnv) implements OpcUaAuth {
        public UserPassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordEnv, "passwordEnv");
        }

        @Override
        public String type() {
            return USERNAME_TYPE;
        }
    }

    /**
     * An X.509 user certificate and its private key, both PEM files. Relative paths are resolved against the
     * connector's PKI directory.
     */
    record UserCertificate(String certificateFile, String privateKeyFile) implements OpcUaAuth {
        public UserCertificate {
            Objects.requireNonNull(certificateFile, "certificateFile");
            Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        }

        @Override
        public String type() {
            return CERTIFICATE_TYPE;
        }
    }
}
