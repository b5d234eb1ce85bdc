package org.openfactory.registry.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Value;

class LimitsTest {

    private static final Limits RANGE = new Limits(0.0, 300.0);

    @Test
    void numbersWithinTheLimitsAndNonNumbersPass() {
        assertEquals(Optional.empty(), Limits.problem(new Value.Number(300.0), RANGE));
        assertEquals(Optional.empty(), Limits.problem(new Value.Integer(0), RANGE));
        assertEquals(Optional.empty(), Limits.problem(new Value.Text("hot"), RANGE));
        assertEquals(Optional.empty(), Limits.problem(new Value.Number(1e12), null));
        assertEquals(Optional.empty(), Limits.problem(new Value.Number(-1e12), new Limits(null, 10.0)));
    }

    @Test
    void aNumberOutsideTheLimitsIsNamedWithThem() {
        assertEquals(Optional.of("value 301.0 is outside its limits [0.0, 300.0]"),
                Limits.problem(new Value.Number(301), RANGE));
        assertEquals(Optional.of("value -1 is outside its limits [0.0, +inf]"),
                Limits.problem(new Value.Integer(-1), new Limits(0.0, null)));
    }

    @Test
    void nonFiniteNumbersNeverPassEvenWithoutLimits() {
        assertEquals(Optional.of("value NaN is not a finite number"), Limits.problem(new Value.Number(Double.NaN),
                null));
        assertEquals(Optional.of("value Infinity is not a finite number"),
                Limits.problem(new Value.Number(Double.POSITIVE_INFINITY), RANGE));
    }
}
