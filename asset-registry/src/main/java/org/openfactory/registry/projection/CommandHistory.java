package org.openfactory.registry.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.command.CommandResult;

/**
 * Every command on the log and what became of it, by correlation id: the projection behind "what happened to my
 * command?". Fed from {@code openfactory.commands} and {@code openfactory.command-results}; either may arrive first.
 */
public final class CommandHistory {

    private final Map<String, CommandRecord> records = new ConcurrentHashMap<>();

    /** A command as issued (null until its event is seen) and its results in log order. */
    public record CommandRecord(String correlationId, CommandIssued issued, List<CommandResult> results) {

        public CommandRecord {
            results = List.copyOf(results);
        }

        /** The final result, if the command has one. */
        public Optional<CommandResult> outcome() {
            return results.stream().filter(CommandResult::isFinal).findFirst();
        }

        CommandRecord with(CommandIssued command) {
            return new CommandRecord(correlationId, issued == null ? command : issued, results);
        }

        CommandRecord with(CommandResult result) {
            if (results.contains(result)) {
                return this; // a re-delivered result
            }
            List<CommandResult> more = new ArrayList<>(results);
            more.add(result);
            return new CommandRecord(correlationId, issued, more);
        }
    }

    public void issued(CommandIssued command) {
        records.compute(command.correlationId(), (id, r) ->
                (r == null ? new CommandRecord(id, null, List.of()) : r).with(command));
    }

    public void resulted(CommandResult result) {
        records.compute(result.correlationId(), (id, r) ->
                (r == null ? new CommandRecord(id, null, List.of()) : r).with(result));
    }

    public Optional<CommandRecord> find(String correlationId) {
        return Optional.ofNullable(records.get(correlationId));
    }

    public int size() {
        return records.size();
    }
}
