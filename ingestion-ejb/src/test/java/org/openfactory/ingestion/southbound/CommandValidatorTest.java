package org.openfactory.ingestion.southbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openfactory.model.command.CommandExpired;
import org.openfactory.model.command.CommandFailed;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.openfactory.registry.asset.OpcUaConnection;
import org.openfactory.registry.asset.OpcUaSource;

class CommandValidatorTest {

    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    static final AssetDefinition TC = new AssetDefinition("tc-1", "acme/p/a/l/c/tc-1", "TemperatureController",
            new OpcUaConnection("opc.tcp://127.0.0.1:4840"), List.of(
            new DataItemDefinition("temperature", Category.SAMPLE, ValueType.DOUBLE, "CELSIUS", null, false,
                    OpcUaSource.node("ns=2;s=T")),
            new DataItemDefinition("setpoint", Category.SAMPLE, ValueType.DOUBLE, "CELSIUS", new Limits(0.0, 300.0),
                    true, OpcUaSource.node("ns=2;s=S")),
            new DataItemDefinition("alarm", Category.CONDITION, ValueType.CONDITION, null, null, false,
                    OpcUaSource.node("ns=2;s=A")),
            new DataItemDefinition("setMode", Category.METHOD, ValueType.STRING, null, null, false,
                    OpcUaSource.method("ns=2;s=TC", "ns=2;s=TC/SetMode"))));

    static CommandIssued command(String target, Value... arguments) {
        return new CommandIssued("c-1", "tc-1", target, List.of(arguments), "alice", NOW.minusSeconds(1),
                NOW.plusSeconds(30));
    }

    private static CommandFailed refused(CommandIssued command, Optional<AssetDefinition> asset) {
        CommandCheck check = CommandValidator.check(command, asset, NOW);
        return assertInstanceOf(CommandFailed.class, assertInstanceOf(CommandCheck.Refused.class, check).result());
    }

    @Test
    void aWriteOfTheRightTypeWithinLimitsPasses() {
        CommandCheck check = CommandValidator.check(command("setpoint", new Value.Number(80)), Optional.of(TC), NOW);
        CommandCheck.Passed passed = assertInstanceOf(CommandCheck.Passed.class, check);
        assertEquals("setpoint", passed.command().target().id());
        assertEquals(new Value.Number(80), passed.command().value());
    }

    @Test
    void anIntegerIsWidenedForADoubleItem() {
        CommandCheck check = CommandValidator.check(command("setpoint", new Value.Integer(80)), Optional.of(TC), NOW);
        assertEquals(new Value.Number(80.0),
                assertInstanceOf(CommandCheck.Passed.class, check).command().value());
    }

    @Test
    void aMethodPassesWithItsArgumentsAsGiven() {
        CommandCheck check = CommandValidator.check(command("setMode", new Value.Text("AUTO")), Optional.of(TC), NOW);
        CommandCheck.Passed passed = assertInstanceOf(CommandCheck.Passed.class, check);
        assertTrue(passed.command().isMethodCall());
        assertEquals(List.of(new Value.Text("AUTO")), passed.command().arguments());
    }

    @Test
    void anExpiredCommandExpires() {
        CommandIssued late = new CommandIssued("c-9", "tc-1", "setpoint", List.of(new Value.Number(1)), "alice",
                NOW.minusSeconds(60), NOW.minusSeconds(1));
        CommandCheck check = CommandValidator.check(late, Optional.of(TC), NOW);
        CommandExpired expired = assertInstanceOf(CommandExpired.class,
                assertInstanceOf(CommandCheck.Refused.class, check).result());
        assertEquals(NOW.minusSeconds(1), expired.expiresAt());
    }

    @Test
    void anUnknownAssetIsNamed() {
        CommandFailed failed = refused(command("setpoint", new Value.Number(1)), Optional.empty());
        assertEquals(FailureCode.UNKNOWN_ASSET, failed.code());
        assertEquals("asset 'tc-1' is not registered", failed.reason());
    }

    @Test
    void anUnknownTargetListsWhatTheAssetHas() {
        CommandFailed failed = refused(command("speed", new Value.Number(1)), Optional.of(TC));
        assertEquals(FailureCode.UNKNOWN_TARGET, failed.code());
        assertEquals("asset 'tc-1' has no data item 'speed' (it has: temperature, setpoint, alarm, setMode)",
                failed.reason());
    }

    @Test
    void readOnlyItemsAndConditionsCannotBeWritten() {
        assertEquals(FailureCode.READ_ONLY, refused(command("temperature", new Value.Number(1)), Optional.of(TC))
                .code());
        CommandFailed condition = refused(command("alarm", new Value.Bool(false)), Optional.of(TC));
        assertEquals(FailureCode.READ_ONLY, condition.code());
        assertEquals("data item tc-1/alarm is read-only", condition.reason());
    }

    @Test
    void wrongArgumentsAreNamed() {
        CommandFailed type = refused(command("setpoint", new Value.Text("hot")), Optional.of(TC));
        assertEquals(FailureCode.BAD_ARGUMENTS, type.code());
        assertEquals("data item tc-1/setpoint takes a DOUBLE, got STRING 'hot'", type.reason());
        CommandFailed count = refused(command("setpoint"), Optional.of(TC));
        assertEquals("a write of tc-1/setpoint takes exactly one value, got 0", count.reason());
        CommandFailed range = refused(command("setpoint", new Value.Number(301)), Optional.of(TC));
        assertEquals(FailureCode.BAD_ARGUMENTS, range.code());
        assertEquals("tc-1/setpoint: value 301.0 is outside its limits [0.0, 300.0]", range.reason());
    }
}
