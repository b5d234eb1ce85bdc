package org.openfactory.registry.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.openfactory.model.command.CommandCompleted;
import org.openfactory.model.command.CommandExpired;
import org.openfactory.model.command.CommandFailed;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.command.CommandResult;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.log.CommandClient;
import org.openfactory.registry.log.RegistryClient;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.registry.view.RegistryEntry;

/**
 * {@code openfactory command <asset> <target> [value...]}: issues a command and prints its results as they arrive.
 * A write's value is typed by the data item's value type in the registry; method arguments are typed from their
 * literals (true/false, integers, decimals, otherwise text).
 */
public final class CommandCli {

    static final int COMPLETED = 0;
    static final int NOT_DONE = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    static final String HELP = """
            usage: openfactory command <asset-id> <data-item-or-method> [value...] [options]
              writes a writable data item (one value) or calls a METHOD data item (its arguments), then waits for
              the result; exit status 0 when completed, 1 when failed or expired
            options:
              --bootstrap-servers H:P   the Kafka cluster (default: $KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092)
              --ttl-seconds N           the command expires if not executed within N seconds (default 30)
              --issuer NAME             who asks, for the audit trail (default: cli:$USER)""";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final PrintStream err;

    CommandCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new CommandCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        List<String> operands = new ArrayList<>();
        String bootstrap = Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")).orElse("127.0.0.1:9092");
        long ttlSeconds = 30;
        String issuer = "cli:" + Optional.ofNullable(System.getenv("USER")).orElse("unknown");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i, "--bootstrap-servers");
                    case "--ttl-seconds" -> ttlSeconds = Long.parseLong(value(args, ++i, "--ttl-seconds"));
                    case "--issuer" -> issuer = value(args, ++i, "--issuer");
                    case "-h", "--help", "help" -> {
                        out.println(HELP);
                        return COMPLETED;
                    }
                    default -> operands.add(args[i]);
                }
            }
            if (operands.size() < 2) {
                throw new IllegalArgumentException("an asset id and a data item or method are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("openfactory command: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        String assetId = operands.get(0);
        String target = operands.get(1);
        List<String> literals = operands.subList(2, operands.size());
        try (CommandClient commands = new CommandClient(bootstrap, URI.create("/openfactory/cli/command"),
                Clock.systemUTC())) {
            Optional<DataItemDefinition> item = new RegistryClient(bootstrap, URI.create("/openfactory/cli/command"),
                    Clock.systemUTC(), TopicLayout.singleBroker()).read(TIMEOUT).findActive(assetId)
                    .map(RegistryEntry::definition).flatMap(a -> a.dataItem(target));
            List<Value> arguments = arguments(literals, item);
            Map<TopicPartition, Long> from = commands.resultsEnd();
            CommandIssued command = commands.issue(assetId, target, arguments, issuer,
                    Duration.ofSeconds(ttlSeconds), TIMEOUT);
            out.println("issued " + command.correlationId() + ": " + command.subject() + " " + texts(arguments));
            CommandResult last = commands.awaitFinal(command.correlationId(), from, this::print,
                    Duration.ofSeconds(ttlSeconds).plus(TIMEOUT));
            return last instanceof CommandCompleted ? COMPLETED : NOT_DONE;
        } catch (IllegalArgumentException e) {
            err.println("openfactory command: " + e.getMessage());
            return USAGE;
        } catch (IllegalStateException | KafkaException e) {
            err.println("openfactory command: " + e.getMessage());
            return UNREACHABLE;
        }
    }

    /** Typed by the data item when it is a known writable item; otherwise from each literal's form. */
    static List<Value> arguments(List<String> literals, Optional<DataItemDefinition> item) {
        boolean write = item.isPresent() && item.get().category() != Category.METHOD && literals.size() == 1;
        List<Value> values = new ArrayList<>();
        for (String literal : literals) {
            values.add(write ? typed(literal, item.get().valueType()) : inferred(literal));
        }
        return values;
    }

    private static Value typed(String literal, ValueType type) {
        try {
            return switch (type) {
                case DOUBLE -> new Value.Number(Double.parseDouble(literal));
                case INTEGER -> new Value.Integer(Long.parseLong(literal));
                case BOOLEAN -> {
                    if (!literal.equals("true") && !literal.equals("false")) {
                        throw new IllegalArgumentException("'" + literal + "' is not true or false");
                    }
                    yield new Value.Bool(Boolean.parseBoolean(literal));
                }
                default -> new Value.Text(literal);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + literal + "' is not a " + type);
        }
    }

    private static Value inferred(String literal) {
        if (literal.equals("true") || literal.equals("false")) {
            return new Value.Bool(Boolean.parseBoolean(literal));
        }
        if (literal.matches("-?\\d{1,18}")) {
            return new Value.Integer(Long.parseLong(literal));
        }
        if (literal.matches("-?\\d+\\.\\d*([eE][-+]?\\d+)?")) {
            return new Value.Number(Double.parseDouble(literal));
        }
        return new Value.Text(literal);
    }

    private void print(CommandResult result) {
        if (result instanceof CommandCompleted completed) {
            out.println("completed" + (completed.outputs().isEmpty() ? "" : ": " + texts(completed.outputs())));
        } else if (result instanceof CommandFailed failed) {
            out.println("failed (" + failed.code() + "): " + failed.reason());
        } else if (result instanceof CommandExpired expired) {
            out.println("expired at " + expired.expiresAt() + " before it could be executed");
        } else {
            out.println("accepted");
        }
    }

    private static String texts(List<Value> values) {
        return values.stream().map(v -> v.type() + " " + v.text()).toList().toString();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
