package org.openfactory.graphql.api;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.openfactory.graphql.schema.CommandInput;
import org.openfactory.graphql.schema.CommandReceipt;
import org.openfactory.graphql.schema.ValueInput;
import org.openfactory.graphql.state.CommandIssuer;
import org.openfactory.graphql.state.LiveState;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.value.Value;
import org.openfactory.registry.projection.CommandHistory;

@GraphQLApi
@ApplicationScoped
public class CommandMutations {

    static final int MAX_TTL_SECONDS = 86_400;
    /** Until single sign-on lands, commands are issued in the name of this identity. */
    static final String ANONYMOUS_ISSUER = "anonymous";

    @Inject
    LiveState live;

    @Inject
    CommandIssuer issuer;

    private final Clock clock = Clock.systemUTC();

    @Mutation("sendCommand")
    @Description("Issues a command and returns at once with its correlation id; the connector that owns the asset "
            + "executes it at most once. Follow it with the `commandResult` subscription or the `command` query. "
            + "The checks against the asset (does the target exist, is it writable, do the arguments fit) happen "
            + "at the connector and arrive as a FAILED result.")
    public @NonNull CommandReceipt sendCommand(@Name("command") @NonNull CommandInput input)
            throws BadRequestException {
        int ttl = input.ttlSeconds() == null ? 30 : input.ttlSeconds();
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
            throw new BadRequestException("ttlSeconds " + ttl + " is not in 1.." + MAX_TTL_SECONDS);
        }
        List<Value> arguments = arguments(input.arguments());
        String correlationId = input.correlationId() == null ? UUID.randomUUID().toString() : input.correlationId();
        if (correlationId.isBlank() || correlationId.length() > 128) {
            throw new BadRequestException("correlationId must be 1 to 128 characters");
        }
        Optional<CommandHistory.CommandRecord> known = live.commands().find(correlationId);
        if (known.isPresent() && known.get().issued() != null) {
            CommandIssued earlier = known.get().issued();
            if (!earlier.assetId().equals(input.assetId()) || !earlier.target().equals(input.target())
                    || !earlier.arguments().equals(arguments)) {
                throw new BadRequestException("correlationId '" + correlationId + "' was already used for another "
                        + "command (" + earlier.subject() + ")");
            }
            return receipt(earlier); // a retried send: the command is on the log already
        }
        Instant now = clock.instant();
        CommandIssued command = new CommandIssued(correlationId, input.assetId(), input.target(), arguments,
                ANONYMOUS_ISSUER, now, now.plusSeconds(ttl));
        issuer.issue(command);
        return receipt(command);
    }

    private static CommandReceipt receipt(CommandIssued command) {
        return new CommandReceipt(command.correlationId(), command.assetId(), command.target(), command.issuedAt(),
                command.expiresAt());
    }

    static List<Value> arguments(List<ValueInput> inputs) throws BadRequestException {
        List<Value> values = new ArrayList<>();
        if (inputs == null) {
            return values;
        }
        for (int i = 0; i < inputs.size(); i++) {
            values.add(valueOf(inputs.get(i), i));
        }
        return values;
    }

    private static Value valueOf(ValueInput input, int index) throws BadRequestException {
        List<Value> set = new ArrayList<>();
        if (input.number() != null) {
            set.add(new Value.Number(input.number()));
        }
        if (input.integer() != null) {
            BigInteger integer = input.integer();
            if (integer.bitLength() > 63) {
                throw new BadRequestException("arguments[" + index + "].integer " + integer
                        + " does not fit in 64 bits");
            }
            set.add(new Value.Integer(integer.longValue()));
        }
        if (input.string() != null) {
            set.add(new Value.Text(input.string()));
        }
        if (input.bool() != null) {
            set.add(new Value.Bool(input.bool()));
        }
        if (set.size() != 1) {
            throw new BadRequestException("arguments[" + index + "] must set exactly one of number, integer, "
                    + "string, bool; it sets " + set.size());
        }
        return set.get(0);
    }
}
