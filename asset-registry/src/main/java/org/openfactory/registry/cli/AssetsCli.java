package org.openfactory.registry.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.model.kafka.Topics;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.asset.AssetJson;
import org.openfactory.registry.asset.AssetValidationException;
import org.openfactory.registry.asset.LocatedAsset;
import org.openfactory.registry.asset.UnsTemplate;
import org.openfactory.registry.event.AssetRetired;
import org.openfactory.registry.log.RegistryClient;
import org.openfactory.registry.plan.RegistryPlan;
import org.openfactory.registry.view.RegistryEntry;
import org.openfactory.registry.view.RegistryView;

/**
 * {@code openfactory assets}: plan, apply, list, inspect and retire assets. The registry is the log: this tool
 * reads it, and writes registry events to it; it needs nothing but the Kafka bootstrap servers.
 */
public final class AssetsCli {

    static final int OK = 0;
    static final int REJECTED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    static final String HELP = """
            usage: openfactory assets <command> [options]
              plan <folder> [--prune]       show what apply would change, and change nothing (dry run)
              apply <folder> [--prune]      validate every file of the folder, then append the changes to the registry
              list [--uns-prefix P] [--type T]
              inspect <asset-id>
              retire <asset-id> [--reason R]
            options:
              --bootstrap-servers H:P       the Kafka cluster (default: $KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092)
              --uns-template T              UNS levels above the asset (default: enterprise/site/area/line/cell)
              --replication-factor N        replication of topics created by apply (default: 1)
            --prune retires registered assets whose files are gone; without it they are kept and listed.""";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final PrintStream err;

    AssetsCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new AssetsCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        CliArguments arguments;
        try {
            arguments = CliArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("openfactory assets: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        if (arguments.command().equals("help")) {
            out.println(HELP);
            return OK;
        }
        RegistryClient registry = new RegistryClient(arguments.bootstrapServers(),
                URI.create("/openfactory/cli/assets"), Clock.systemUTC(),
                new TopicLayout(Topics.DEFAULT_PARTITIONS, arguments.replicationFactor(),
                        Topics.DEFAULT_SAMPLES_RETENTION));
        try {
            return switch (arguments.command()) {
                case "plan" -> plan(registry, arguments, false);
                case "apply" -> plan(registry, arguments, true);
                case "list" -> list(registry, arguments);
                case "inspect" -> inspect(registry, arguments.operand());
                case "retire" -> retire(registry, arguments);
                default -> throw new IllegalStateException(arguments.command());
            };
        } catch (AssetValidationException e) {
            err.println(e.getMessage());
            err.println("Nothing was applied.");
            return REJECTED;
        } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
            err.println("openfactory assets: " + e.getMessage());
            return UNREACHABLE;
        }
    }

    private int plan(RegistryClient registry, CliArguments arguments, boolean apply) {
        UnsTemplate template = arguments.unsTemplate();
        List<LocatedAsset> desired = new AssetFileLoader(template).readFolderLocated(Path.of(arguments.operand()));
        RegistryPlan plan = registry.plan(desired, arguments.prune(), TIMEOUT);
        out.println(plan.describe());
        if (!apply) {
            out.println(plan.isEmpty() ? "Nothing to apply." : "Plan only: nothing was applied.");
            return OK;
        }
        registry.append(plan.events(), TIMEOUT);
        out.println("Applied " + plan.events().size() + " change(s) to " + Topics.REGISTRY + ".");
        return OK;
    }

    private int list(RegistryClient registry, CliArguments arguments) {
        RegistryView view = registry.read(TIMEOUT);
        List<RegistryEntry> entries = new ArrayList<>(arguments.unsPrefix() == null
                ? view.all() : view.byUnsPrefix(arguments.unsPrefix()));
        if (arguments.type() != null) {
            entries.removeIf(e -> !e.definition().type().equals(arguments.type()));
        }
        out.printf("%-24s %-48s %-24s %s%n", "ID", "UNS PATH", "TYPE", "REVISION");
        for (RegistryEntry entry : entries) {
            out.printf("%-24s %-48s %-24s %d%n", entry.id(), entry.unsPath(), entry.definition().type(),
                    entry.revision());
        }
        out.println(entries.size() + " asset(s)");
        return OK;
    }

    private int inspect(RegistryClient registry, String assetId) {
        Optional<RegistryEntry> found = registry.read(TIMEOUT).find(assetId);
        if (found.isEmpty()) {
            err.println("Unknown asset '" + assetId + "'");
            return REJECTED;
        }
        RegistryEntry entry = found.get();
        out.println("id:           " + entry.id());
        out.println("uuid:         " + entry.uuid());
        out.println("status:       " + (entry.retired() ? "RETIRED" : "ACTIVE"));
        out.println("revision:     " + entry.revision());
        out.println("registeredAt: " + entry.registeredAt());
        out.println("updatedAt:    " + entry.updatedAt());
        out.println("definition:   " + AssetJson.toJson(entry.definition()));
        return OK;
    }

    private int retire(RegistryClient registry, CliArguments arguments) {
        String assetId = arguments.operand();
        Optional<RegistryEntry> active = registry.read(TIMEOUT).findActive(assetId);
        if (active.isEmpty()) {
            err.println("Unknown asset '" + assetId + "' (or already retired): nothing was changed");
            return REJECTED;
        }
        registry.append(List.of(new AssetRetired(assetId, active.get().unsPath(), arguments.reason())), TIMEOUT);
        out.println("- retire " + assetId + " (" + active.get().unsPath() + ")");
        out.println("Applied 1 change(s) to " + Topics.REGISTRY + ".");
        return OK;
    }
}
