package org.openfactory.registry.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openfactory.registry.asset.UnsTemplate;

/** The parsed command line of {@link AssetsCli}. */
record CliArguments(String command, String operand, boolean prune, String unsPrefix, String type, String reason,
                    String bootstrapServers, UnsTemplate unsTemplate, short replicationFactor) {

    private static final Set<String> NEED_OPERAND = Set.of("plan", "apply", "inspect", "retire");
    private static final Set<String> COMMANDS = Set.of("plan", "apply", "list", "inspect", "retire", "help");

    static CliArguments parse(String[] args) {
        List<String> operands = new ArrayList<>();
        boolean prune = false;
        String unsPrefix = null;
        String type = null;
        String reason = "retired by operator";
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String bootstrap = env == null || env.isBlank() ? "127.0.0.1:9092" : env;
        UnsTemplate template = UnsTemplate.DEFAULT;
        short replication = 1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--prune" -> prune = true;
                case "--uns-prefix" -> unsPrefix = value(args, ++i, arg);
                case "--type" -> type = value(args, ++i, arg);
                case "--reason" -> reason = value(args, ++i, arg);
                case "--bootstrap-servers" -> bootstrap = value(args, ++i, arg);
                case "--uns-template" -> template = UnsTemplate.parse(value(args, ++i, arg));
                case "--replication-factor" -> replication = replication(value(args, ++i, arg));
                case "-h", "--help" -> operands.add(0, "help");
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    operands.add(arg);
                }
            }
        }
        if (operands.isEmpty()) {
            throw new IllegalArgumentException("a command is needed");
        }
        String command = operands.get(0);
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "'");
        }
        if (NEED_OPERAND.contains(command) && operands.size() != 2) {
            throw new IllegalArgumentException("'" + command + "' takes exactly one "
                    + (command.equals("plan") || command.equals("apply") ? "folder" : "asset id"));
        }
        return new CliArguments(command, operands.size() > 1 ? operands.get(1) : null, prune, unsPrefix, type, reason,
                bootstrap, template, replication);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    private static short replication(String value) {
        try {
            short n = Short.parseShort(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--replication-factor must be a whole number >= 1, not '" + value + "'");
    }
}
