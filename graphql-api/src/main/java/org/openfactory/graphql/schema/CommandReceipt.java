package org.openfactory.graphql.schema;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A command is on the log: follow it with the `commandResult` subscription or the `command` query.")
public record CommandReceipt(
        @NonNull @Description("The id every result of the command carries.") String correlationId,
        @NonNull @Description("The asset commanded.") String assetId,
        @NonNull @Description("The data item written or the METHOD data item called.") String target,
        @NonNull @Description("When the command was issued.") Instant issuedAt,
        @NonNull @Description("When it expires if not executed by then.") Instant expiresAt) {
}
