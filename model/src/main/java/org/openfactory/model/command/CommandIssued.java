package org.openfactory.model.command;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.openfactory.model.value.Value;

/**
 * Somebody asked an asset to do something: write a data item, or call a METHOD data item. Appended to
 * {@code openfactory.commands} and executed at most once by the connector that owns the asset.
 *
 * @param correlationId unique per command; every result event carries it
 * @param target        the data item to write, or the METHOD data item to call
 * @param arguments     for a write, the one value to write; for a method, its input arguments in order
 * @param issuer        who asked (the authenticated user or system), for audit
 * @param expiresAt     after this instant the command must not be executed any more
 */
public record CommandIssued(String correlationId, String assetId, String target, List<Value> arguments,
                            String issuer, Instant issuedAt, Instant expiresAt) {

    public CommandIssued {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        arguments = List.copyOf(arguments);
    }

    /** The CloudEvents subject: {@code <assetId>/<target>}. */
    public String subject() {
        return assetId + "/" + target;
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
