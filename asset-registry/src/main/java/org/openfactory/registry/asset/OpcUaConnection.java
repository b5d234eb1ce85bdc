package org.openfactory.registry.asset;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An OPC UA server, e.g. {@code opc.tcp://127.0.0.1:4840/openfactory}, and how the connector secures the channel and
 * logs in. The record accepts any combination; {@link AssetValidator} rejects the ones OPC UA does not allow (a
 * signing mode without a policy, a policy without signing).
 *
 * @param securityPolicy how messages are signed and encrypted; {@link SecurityPolicy#NONE} by default
 * @param securityMode   what the policy is applied to; None with policy None, SignAndEncrypt otherwise by default
 * @param auth           the user identity of the session; anonymous by default
 */
public record OpcUaConnection(String endpoint, SecurityPolicy securityPolicy, SecurityMode securityMode,
                              OpcUaAuth auth) implements ConnectorBinding {

    public OpcUaConnection {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(securityPolicy, "securityPolicy");
        Objects.requireNonNull(securityMode, "securityMode");
        Objects.requireNonNull(auth, "auth");
    }

    /** An unsecured endpoint with anonymous login. */
    public OpcUaConnection(String endpoint) {
        this(endpoint, SecurityPolicy.NONE, SecurityMode.NONE, OpcUaAuth.ANONYMOUS);
    }

    @Override
    public String type() {
        return OPCUA;
    }

    /** True when the channel is signed (and maybe encrypted), so the connector needs certificates. */
    public boolean isSecured() {
        return securityPolicy != SecurityPolicy.NONE;
    }

    /** OPC UA security policies the connector supports; written as in the OPC UA specification. */
    public enum SecurityPolicy {
        NONE("None"),
        BASIC256SHA256("Basic256Sha256");

        private final String id;

        SecurityPolicy(String id) {
            this.id = id;
        }

        /** The name in the asset file and in OPC UA's policy URI, e.g. {@code Basic256Sha256}. */
        public String id() {
            return id;
        }

        /** The mode used when the file names a policy but no mode. */
        public SecurityMode defaultMode() {
            return this == NONE ? SecurityMode.NONE : SecurityMode.SIGN_AND_ENCRYPT;
        }

        public static Optional<SecurityPolicy> of(String id) {
            return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
        }

        public static List<String> ids() {
            return Arrays.stream(values()).map(SecurityPolicy::id).toList();
        }
    }

    /** OPC UA message security modes; written as in the OPC UA specification. */
    public enum SecurityMode {
        NONE("None"),
        SIGN("Sign"),
        SIGN_AND_ENCRYPT("SignAndEncrypt");

        private final String id;

        SecurityMode(String id) {
            this.id = id;
        }

        /** The name in the asset file, e.g. {@code SignAndEncrypt}. */
        public String id() {
            return id;
        }

        public static Optional<SecurityMode> of(String id) {
            return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
        }

        public static List<String> ids() {
            return Arrays.stream(values()).map(SecurityMode::id).toList();
        }
    }
}
