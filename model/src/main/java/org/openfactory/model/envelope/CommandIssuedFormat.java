package org.openfactory.model.envelope;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.event.EventTypes;

/** The data of a command: target, typed arguments, issuer and expiry; the event time is when it was issued. */
final class CommandIssuedFormat implements PayloadFormat<CommandIssued> {

    @Override
    public String type(CommandIssued command) {
        return EventTypes.COMMAND_ISSUED;
    }

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.COMMAND_ISSUED);
    }

    @Override
    public String subject(CommandIssued command) {
        return command.subject();
    }

    @Override
    public String partitionKey(CommandIssued command) {
        return command.assetId();
    }

    @Override
    public Instant time(CommandIssued command) {
        return command.issuedAt();
    }

    @Override
    public ObjectNode toData(CommandIssued command) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("correlationId", command.correlationId());
        data.put("assetId", command.assetId());
        data.put("target", command.target());
        ValueJson.putList(data, "arguments", command.arguments());
        data.put("issuer", command.issuer());
        data.put("expiresAt", command.expiresAt().toString());
        return data;
    }

    @Override
    public CommandIssued fromData(String id, String type, JsonNode data, Instant time) {
        return new CommandIssued(JsonFields.requiredText(id, data, "correlationId"),
                JsonFields.requiredText(id, data, "assetId"), JsonFields.requiredText(id, data, "target"),
                ValueJson.readList(id, data, "arguments"), JsonFields.requiredText(id, data, "issuer"), time,
                instant(id, data, "expiresAt"));
    }

    static Instant instant(String id, JsonNode data, String field) {
        String text = JsonFields.requiredText(id, data, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("event " + id + ": data." + field + " '" + text
                    + "' is not an ISO-8601 instant");
        }
    }
}
