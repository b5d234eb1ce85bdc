package org.openfactory.graphql.schema;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.openfactory.model.command.CommandAccepted;
import org.openfactory.model.command.CommandCompleted;
import org.openfactory.model.command.CommandExpired;
import org.openfactory.model.command.CommandFailed;
import org.openfactory.model.command.CommandResult;

@Description("One result of a command: ACCEPTED, then one of COMPLETED, FAILED or EXPIRED.")
public record CommandResultEvent(
        @NonNull @Description("The command's correlation id.") String correlationId,
        @NonNull @Description("The asset commanded.") String assetId,
        @NonNull @Description("The data item written or the METHOD data item called.") String target,
        @NonNull @Description("ACCEPTED, COMPLETED, FAILED or EXPIRED.") CommandStatus status,
        @NonNull @Description("When the platform decided.") Instant at,
        @NonNull @Description("A called method's output arguments; empty otherwise.") List<@NonNull TypedValue> outputs,
        @Description("Why it FAILED.") FailureCode failureCode,
        @Description("Why it FAILED, in words naming the asset, the target and the cause.") String reason) {

    public static CommandResultEvent of(CommandResult result) {
        CommandStatus status;
        List<TypedValue> outputs = List.of();
        FailureCode code = null;
        String reason = null;
        if (result instanceof CommandCompleted completed) {
            status = CommandStatus.COMPLETED;
            outputs = completed.outputs().stream().map(TypedValue::of).toList();
        } else if (result instanceof CommandFailed failed) {
            status = CommandStatus.FAILED;
            code = FailureCode.valueOf(failed.code().name());
            reason = failed.reason();
        } else if (result instanceof CommandExpired expired) {
            status = CommandStatus.EXPIRED;
            reason = "expired at " + expired.expiresAt();
        } else if (result instanceof CommandAccepted) {
            status = CommandStatus.ACCEPTED;
        } else {
            throw new IllegalArgumentException("unknown result " + result);
        }
        return new CommandResultEvent(result.correlationId(), result.assetId(), result.target(), status,
                result.at(), outputs, code, reason);
    }
}
