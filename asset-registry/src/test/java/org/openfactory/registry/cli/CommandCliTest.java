package org.openfactory.registry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.OpcUaSource;

class CommandCliTest {

    private static DataItemDefinition item(ValueType type, Category category) {
        return new DataItemDefinition("x", category, type, null, null, true, category == Category.METHOD
                ? OpcUaSource.method("ns=2;s=O", "ns=2;s=M") : OpcUaSource.node("ns=2;s=X"));
    }

    @Test
    void aWriteIsTypedByItsDataItem() {
        assertEquals(List.of(new Value.Number(42)),
                CommandCli.arguments(List.of("42"), Optional.of(item(ValueType.DOUBLE, Category.SAMPLE))));
        assertEquals(List.of(new Value.Text("42")),
                CommandCli.arguments(List.of("42"), Optional.of(item(ValueType.STRING, Category.EVENT))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandCli.arguments(List.of("hot"), Optional.of(item(ValueType.DOUBLE, Category.SAMPLE))));
        assertEquals("'hot' is not a DOUBLE", e.getMessage());
    }

    @Test
    void methodArgumentsAreTypedByTheirLiterals() {
        assertEquals(List.of(new Value.Text("AUTO"), new Value.Integer(3), new Value.Number(2.5), new Value.Bool(true)),
                CommandCli.arguments(List.of("AUTO", "3", "2.5", "true"),
                        Optional.of(item(ValueType.STRING, Category.METHOD))));
    }

    @Test
    void missingOperandsAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
                .run(new String[] {"tc-1"});
        assertEquals(CommandCli.USAGE, status);
        assertTrue(err.toString().contains("an asset id and a data item or method are required"), err.toString());
    }
}
