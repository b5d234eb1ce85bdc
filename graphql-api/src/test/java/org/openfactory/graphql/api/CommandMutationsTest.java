package org.openfactory.graphql.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openfactory.graphql.schema.ValueInput;
import org.openfactory.model.value.Value;

class CommandMutationsTest {

    @Test
    void eachArgumentSetsExactlyOneTypedField() throws Exception {
        assertEquals(List.of(new Value.Number(2.5), new Value.Integer(7), new Value.Text("AUTO"), new Value.Bool(true)),
                CommandMutations.arguments(List.of(new ValueInput(2.5, null, null, null),
                        new ValueInput(null, BigInteger.valueOf(7), null, null),
                        new ValueInput(null, null, "AUTO", null), new ValueInput(null, null, null, true))));
        assertEquals(List.of(), CommandMutations.arguments(null));
    }

    @Test
    void anArgumentWithNoneOrTwoFieldsIsABadRequestNamingIt() {
        BadRequestException none = assertThrows(BadRequestException.class, () -> CommandMutations.arguments(
                List.of(new ValueInput(1.0, null, null, null), new ValueInput(null, null, null, null))));
        assertEquals("arguments[1] must set exactly one of number, integer, string, bool; it sets 0",
                none.getMessage());
        BadRequestException two = assertThrows(BadRequestException.class, () -> CommandMutations.arguments(
                List.of(new ValueInput(1.0, BigInteger.ONE, null, null))));
        assertEquals("arguments[0] must set exactly one of number, integer, string, bool; it sets 2",
                two.getMessage());
    }

    @Test
    void anIntegerBeyond64BitsIsABadRequest() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> CommandMutations.arguments(
                List.of(new ValueInput(null, BigInteger.TWO.pow(64), null, null))));
        assertEquals("arguments[0].integer 18446744073709551616 does not fit in 64 bits", e.getMessage());
    }
}
