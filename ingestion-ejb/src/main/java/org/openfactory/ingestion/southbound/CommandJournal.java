package org.openfactory.ingestion.southbound;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.openfactory.model.command.CommandAccepted;
import org.openfactory.model.command.CommandResult;

/**
 * Which commands already have a result. Rebuilt from the results topic at start and kept up to date by the
 * dispatcher, it is what makes execution at-most-once: a command redelivered after its CommandAccepted (or any
 * other result) is never executed again.
 */
public final class CommandJournal {

    private final Set<String> decided = ConcurrentHashMap.newKeySet();
    private final Map<String, CommandAccepted> unfinished = new ConcurrentHashMap<>();

    public void record(CommandResult result) {
        decided.add(result.correlationId());
        if (result instanceof CommandAccepted accepted) {
            unfinished.putIfAbsent(result.correlationId(), accepted);
        } else {
            unfinished.remove(result.correlationId());
        }
    }

    /** True once any result of the command was written: it must not be executed (again). */
    public boolean hasResult(String correlationId) {
        return decided.contains(correlationId);
    }

    /** Commands accepted by an earlier run of the platform that never got a final result. */
    public List<CommandAccepted> unfinished() {
        return List.copyOf(unfinished.values());
    }

    public int size() {
        return decided.size();
    }
}
