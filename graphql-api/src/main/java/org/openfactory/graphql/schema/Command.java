package org.openfactory.graphql.schema;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.registry.projection.CommandHistory;

@Description("A command and what became of it.")
public record Command(
        @NonNull @Description("The id every result of the command carries.") String correlationId,
        @Description("Null only while the command's own event has not been read yet.") String assetId,
        @Description("The data item written or the METHOD data item called.") String target,
        @NonNull @Description("The values written or passed to the method, in order.") List<@NonNull TypedValue> arguments,
        @Description("Who issued it.") String issuer,
        Instant issuedAt,
        Instant expiresAt,
        @NonNull @Description("The latest status.") CommandStatus status,
        @NonNull @Description("Its results so far, in order.") List<@NonNull CommandResultEvent> results) {

    public static Command of(CommandHistory.CommandRecord record) {
        List<CommandResultEvent> results = record.results().stream().map(CommandResultEvent::of).toList();
        CommandStatus status = results.stream().map(CommandResultEvent::status)
                .filter(s -> s != CommandStatus.ACCEPTED).findFirst()
                .orElse(results.isEmpty() ? CommandStatus.ISSUED : CommandStatus.ACCEPTED);
        CommandIssued issued = record.issued();
        if (issued == null) {
            return new Command(record.correlationId(), results.isEmpty() ? null : results.get(0).assetId(),
                    results.isEmpty() ? null : results.get(0).target(), List.of(), null, null, null, status,
                    results);
        }
        return new Command(record.correlationId(), issued.assetId(), issued.target(),
                issued.arguments().stream().map(TypedValue::of).toList(), issued.issuer(), issued.issuedAt(),
                issued.expiresAt(), status, results);
    }
}
