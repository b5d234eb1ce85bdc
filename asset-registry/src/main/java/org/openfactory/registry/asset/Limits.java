package org.openfactory.registry.asset;

import java.util.Optional;

import org.openfactory.model.value.Value;

/**
 * The engineering range of a numeric data item; either bound may be open (null), not both.
 */
public record Limits(Double min, Double max) {

    public Limits {
        if (min == null && max == null) {
            throw new IllegalArgumentException("limits need a min, a max or both");
        }
    }

    /**
     * The platform's out-of-range rule, the same for what connectors publish and what commands write: a NaN or
     * infinite number, or a number outside the limits, is refused. Non-numeric values always pass.
     *
     * @param limits the data item's limits, or null when it declares none
     * @return why the value is refused, e.g. {@code value 301.0 is outside its limits [0.0, 300.0]}; empty if it
     *         passes
     */
    public static Optional<String> problem(Value value, Limits limits) {
        double number;
        if (value instanceof Value.Number n) {
            number = n.value();
            if (!Double.isFinite(number)) {
                return Optional.of("value " + value.text() + " is not a finite number");
            }
        } else if (value instanceof Value.Integer i) {
            number = i.value();
        } else {
            return Optional.empty();
        }
        if (limits != null && ((limits.min() != null && number < limits.min())
                || (limits.max() != null && number > limits.max()))) {
            return Optional.of("value " + value.text() + " is outside its limits [" + limits.describeMin() + ", "
                    + limits.describeMax() + "]");
        }
        return Optional.empty();
    }

    private String describeMin() {
        return min == null ? "-inf" : min.toString();
    }

    private String describeMax() {
        return max == null ? "+inf" : max.toString();
    }
}
