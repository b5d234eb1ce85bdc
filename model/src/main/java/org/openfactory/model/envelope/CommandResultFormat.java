package org.openfactory.model.envelope;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.openfactory.model.command.CommandAccepted;
import org.openfactory.model.command.CommandCompleted;
import org.openfactory.model.command.CommandExpired;
import org.openfactory.model.command.CommandFailed;
import org.openfactory.model.command.CommandResult;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.event.EventTypes;

/** The four result events of a command, one CloudEvents type each, on one topic. */
final class CommandResultFormat implements PayloadFormat<CommandResult> {

    @Override
    public String type(CommandResult result) {
        if (result instanceof CommandAccepted) {
            return EventTypes.COMMAND_ACCEPTED;
        } else if (result instanceof CommandCompleted) {
            return EventTypes.COMMAND_COMPLETED;
        } else if (result instanceof CommandFailed) {
            return EventTypes.COMMAND_FAILED;
        }
        return EventTypes.COMMAND_EXPIRED;
    }

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.COMMAND_ACCEPTED, EventTypes.COMMAND_COMPLETED, EventTypes.COMMAND_FAILED,
                EventTypes.COMMAND_EXPIRED);
    }

    @Override
    public String subject(CommandResult result) {
        return result.assetId() + "/" + result.target();
    }

    @Override
    public String partitionKey(CommandResult result) {
        return result.assetId();
    }

    @Override
    public Instant time(CommandResult result) {
        return result.at();
    }

    @Override
    public ObjectNode toData(CommandResult result) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("correlationId", result.correlationId());
        data.put("assetId", result.assetId());
        data.put("target", result.target());
        if (result instanceof CommandCompleted completed) {
            ValueJson.putList(data, "outputs", completed.outputs());
        } else if (result instanceof CommandFailed failed) {
            data.put("code", failed.code().name());
            data.put("reason", failed.reason());
        } else if (result instanceof CommandExpired expired) {
            data.put("expiresAt", expired.expiresAt().toString());
        }
        return data;
    }

    @Override
    public CommandResult fromData(String id, String type, JsonNode data, Instant time) {
        String correlationId = JsonFields.requiredText(id, data, "correlationId");
        String assetId = JsonFields.requiredText(id, data, "assetId");
        String target = JsonFields.requiredText(id, data, "target");
        switch (type) {
            case EventTypes.COMMAND_ACCEPTED:
                return new CommandAccepted(correlationId, assetId, target, time);
            case EventTypes.COMMAND_COMPLETED:
                return new CommandCompleted(correlationId, assetId, target, ValueJson.readList(id, data, "outputs"),
                        time);
            case EventTypes.COMMAND_FAILED:
                return new CommandFailed(correlationId, assetId, target,
                        JsonFields.enumOf(id, FailureCode.class, JsonFields.requiredText(id, data, "code"), "code"),
                        JsonFields.requiredText(id, data, "reason"), time);
            default:
                return new CommandExpired(correlationId, assetId, target,
                        CommandIssuedFormat.instant(id, data, "expiresAt"), time);
        }
    }
}
