package org.openfactory.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openfactory.model.command.CommandAccepted;
import org.openfactory.model.command.CommandCompleted;
import org.openfactory.model.command.CommandExpired;
import org.openfactory.model.command.CommandFailed;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.command.CommandResult;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.value.Value;

class CommandCodecTest {

    private static final URI SOURCE = URI.create("/openfactory/test/graphql");
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void aCommandRoundTripsWithTypedArguments() {
        CommandIssued command = new CommandIssued("c-1", "tc-1", "setMode",
                List.of(new Value.Text("AUTO"), new Value.Number(21.5), new Value.Integer(3), new Value.Bool(true)),
                "alice", T0, T0.plusSeconds(30));
        byte[] bytes = EventCodecs.COMMAND.encode(EventCodecs.COMMAND.envelope(SOURCE, command, T0));
        Envelope<CommandIssued> decoded = EventCodecs.COMMAND.decode(bytes);
        assertEquals(command, decoded.payload());
        assertEquals("tc-1/setMode", decoded.subject());
        assertEquals("org.openfactory.command.issued.v1", decoded.type());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("{\"valueType\":\"DOUBLE\",\"value\":21.5}"));
    }

    @Test
    void eachResultKeepsItsOwnTypeOnOneTopic() {
        List<CommandResult> results = List.of(
                new CommandAccepted("c-1", "tc-1", "setpoint", T0),
                new CommandCompleted("c-1", "tc-1", "setMode", List.of(new Value.Text("MANUAL")), T0),
                new CommandFailed("c-2", "tc-1", "temperature", FailureCode.READ_ONLY, "read-only", T0),
                new CommandExpired("c-3", "tc-1", "setpoint", T0.minusSeconds(1), T0));
        for (CommandResult result : results) {
            Envelope<CommandResult> decoded = EventCodecs.COMMAND_RESULT.decode(
                    EventCodecs.COMMAND_RESULT.encode(EventCodecs.COMMAND_RESULT.envelope(SOURCE, result, T0)));
            assertEquals(result, decoded.payload());
        }
        assertEquals("org.openfactory.command.failed.v1",
                EventCodecs.COMMAND_RESULT.envelope(SOURCE, results.get(2), T0).type());
    }

    @Test
    void anArgumentOfTheWrongJsonTypeIsNamed() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"type\":"
                + "\"org.openfactory.command.issued.v1\",\"time\":\"2026-11-25T08:00:00Z\","
                + "\"ingesttime\":\"2026-11-25T08:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{"
                + "\"correlationId\":\"c\",\"assetId\":\"a\",\"target\":\"t\",\"issuer\":\"i\","
                + "\"expiresAt\":\"2026-11-25T08:01:00Z\",\"arguments\":[{\"valueType\":\"DOUBLE\",\"value\":\"7\"}]}}";
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodecs.COMMAND.decode(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("data.arguments[0].value \"7\" is not a DOUBLE"), e.getMessage());
    }

    @Test
    void anUnknownFailureCodeIsNamed() {
        String json = "{\"specversion\":\"1.0\",\"id\":\"e2\",\"source\":\"/s\",\"type\":"
                + "\"org.openfactory.command.failed.v1\",\"time\":\"2026-11-25T08:00:00Z\","
                + "\"ingesttime\":\"2026-11-25T08:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{"
                + "\"correlationId\":\"c\",\"assetId\":\"a\",\"target\":\"t\",\"code\":\"OOPS\",\"reason\":\"r\"}}";
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodecs.COMMAND_RESULT.decode(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("data.code 'OOPS'"), e.getMessage());
    }
}
