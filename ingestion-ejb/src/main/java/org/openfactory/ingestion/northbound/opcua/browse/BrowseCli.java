package org.openfactory.ingestion.northbound.opcua.browse;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.openfactory.ingestion.northbound.opcua.OpcUaClientFactory;
import org.openfactory.ingestion.northbound.opcua.OpcUaSecurityConfig;
import org.openfactory.registry.asset.AssetValidator;
import org.openfactory.registry.asset.OpcUaAuth;
import org.openfactory.registry.asset.OpcUaConnection;

/**
 * {@code bin/openfactory opcua browse}: browses an OPC UA server and drafts an asset file for it.
 *
 * <pre>
 * bin/openfactory opcua browse --endpoint opc.tcp://127.0.0.1:4840/openfactory --asset-id tc-1 \
 *     --uns-path acme/plant1/utilities/line1/cell1/tc-1 [--type TemperatureController] [--start-node i=85]
 *     [--depth 5] [--security-policy None|Basic256Sha256] [--security-mode Sign|SignAndEncrypt]
 *     [--username NAME --password-env VAR] [--pki-dir .openfactory/opcua-pki] [--trust-all-servers] [--out FILE]
 * </pre>
 * Exit codes: 0 drafted, 1 the server could not be browsed, 2 usage.
 */
public final class BrowseCli {

    static final String USAGE = """
            usage: openfactory opcua browse --endpoint opc.tcp://HOST:PORT/PATH --asset-id ID --uns-path PATH
                     [--type TYPE] [--start-node NODEID] [--depth N]
                     [--security-policy None|Basic256Sha256] [--security-mode Sign|SignAndEncrypt]
                     [--username NAME --password-env VARIABLE] [--pki-dir DIR] [--trust-all-servers]
                     [--out FILE]""";
    static final String DEFAULT_TYPE = "OpcUaDevice";
    static final int DEFAULT_DEPTH = 5;
    static final Path DEFAULT_PKI_DIR = Path.of(".openfactory", "opcua-pki");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private BrowseCli() {
    }

    public static void main(String[] args) {
        quietLibraries();
        int code = run(args, System.out, System.err, name -> Optional.ofNullable(System.getenv(name))
                .or(() -> Optional.ofNullable(System.getProperty(name))));
        Stack.releaseSharedResources();
        System.exit(code);
    }

    /** Held in a static field: JUL keeps only weak references to configured loggers. */
    private static final List<java.util.logging.Logger> QUIET = new java.util.ArrayList<>();

    /**
     * One line per log record, and nothing from Milo and Netty: their stack traces repeat what the command says in
     * one line (e.g. that the server's certificate is not trusted, and where to move it).
     */
    private static void quietLibraries() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %5$s%6$s%n");
        }
        for (String name : List.of("org.eclipse.milo", "io.netty", "com.digitalpetri")) {
            var logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.OFF);
            QUIET.add(logger);
        }
    }

    /** The whole command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err, OpcUaSecurityConfig.SecretLookup secrets) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("openfactory opcua browse: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        var security = new OpcUaSecurityConfig(options.pkiDir().toAbsolutePath(), options.trustAllServers(), secrets);
        var factory = new OpcUaClientFactory(options.assetId(), options.connection(), TIMEOUT, security);
        OpcUaClient client = null;
        try {
            client = factory.newClient();
            client.connectAsync().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<BrowsedNode> nodes = AddressSpaceBrowser.browse(client, options.startNode(), options.depth());
            String yaml = AssetDraft.yaml(new AssetDraft.Header(options.assetId(), options.unsPath(), options.type(),
                    options.connection(), options.startNode().toParseableString(), options.depth(), Instant.now()),
                    nodes);
            if (options.out() == null) {
                out.print(yaml);
            } else {
                Path parent = options.out().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(options.out(), yaml, StandardCharsets.UTF_8);
                long items = nodes.stream().filter(n -> !(n instanceof BrowsedNode.Skipped)).count();
                err.println("openfactory opcua browse: drafted " + items + " data items of " + options.assetId()
                        + " into " + options.out() + " (" + (nodes.size() - items) + " nodes left out)");
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("openfactory opcua browse: interrupted");
            return 1;
        } catch (Exception e) {
            err.println("openfactory opcua browse: cannot browse " + options.connection().endpoint() + ": "
                    + factory.explain(e));
            return 1;
        } finally {
            if (client != null) {
                try {
                    client.disconnectAsync().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // leaving anyway
                }
            }
        }
    }

    record Options(OpcUaConnection connection, String assetId, String unsPath, String type, NodeId startNode,
                   int depth, Path pkiDir, boolean trustAllServers, Path out) {

        static Options parse(String[] args) {
            String endpoint = null;
            String assetId = null;
            String unsPath = null;
            String type = DEFAULT_TYPE;
            String startNode = null;
            int depth = DEFAULT_DEPTH;
            String policy = OpcUaConnection.SecurityPolicy.NONE.id();
            String mode = null;
            String username = null;
            String passwordEnv = null;
            Path pkiDir = DEFAULT_PKI_DIR;
            boolean trustAll = false;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--trust-all-servers")) {
                    trustAll = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--endpoint" -> endpoint = value;
                    case "--asset-id" -> assetId = value;
                    case "--uns-path" -> unsPath = value;
                    case "--type" -> type = value;
                    case "--start-node" -> startNode = value;
                    case "--depth" -> depth = positive(name, value);
                    case "--security-policy" -> policy = value;
                    case "--security-mode" -> mode = value;
                    case "--username" -> username = value;
                    case "--password-env" -> passwordEnv = value;
                    case "--pki-dir" -> pkiDir = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            require(endpoint, "--endpoint");
            require(assetId, "--asset-id");
            require(unsPath, "--uns-path");
            if (!AssetValidator.ASSET_ID.matcher(assetId).matches()) {
                throw new IllegalArgumentException("--asset-id '" + assetId + "' must match "
                        + AssetValidator.ASSET_ID.pattern());
            }
            String policyName = policy;
            var securityPolicy = OpcUaConnection.SecurityPolicy.of(policy).orElseThrow(() ->
                    new IllegalArgumentException("--security-policy must be one of "
                            + OpcUaConnection.SecurityPolicy.ids() + ": " + policyName));
            String modeName = mode;
            var securityMode = mode == null ? securityPolicy.defaultMode()
                    : OpcUaConnection.SecurityMode.of(mode).orElseThrow(() -> new IllegalArgumentException(
                            "--security-mode must be one of " + OpcUaConnection.SecurityMode.ids() + ": " + modeName));
            if ((securityPolicy == OpcUaConnection.SecurityPolicy.NONE) != (securityMode
                    == OpcUaConnection.SecurityMode.NONE)) {
                throw new IllegalArgumentException("--security-mode " + securityMode.id()
                        + " does not go with --security-policy " + securityPolicy.id());
            }
            if ((username == null) != (passwordEnv == null)) {
                throw new IllegalArgumentException("--username and --password-env go together (the password is "
                        + "read from the environment variable --password-env names, never from the command line)");
            }
            if (passwordEnv != null && !AssetValidator.SECRET_NAME.matcher(passwordEnv).matches()) {
                throw new IllegalArgumentException("--password-env must name an environment variable: "
                        + passwordEnv);
            }
            OpcUaAuth auth = username == null ? OpcUaAuth.ANONYMOUS : new OpcUaAuth.UserPassword(username, passwordEnv);
            NodeId start;
            try {
                start = startNode == null ? NodeIds.ObjectsFolder : NodeId.parse(startNode.strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--start-node '" + startNode + "' is not a node id such as "
                        + "ns=2;s=Folder or i=85");
            }
            return new Options(new OpcUaConnection(endpoint, securityPolicy, securityMode, auth), assetId, unsPath,
                    type, start, depth, pkiDir, trustAll, out);
        }

        private static void require(String value, String option) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(option + " is required");
            }
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a whole number of 1 or more: " + value);
        }
    }
}
