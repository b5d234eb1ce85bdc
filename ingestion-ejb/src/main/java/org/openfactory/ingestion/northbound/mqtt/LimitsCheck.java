package org.openfactory.ingestion.northbound.mqtt;

import java.util.Optional;

import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;

/**
 * The platform's out-of-range policy: a numeric value outside the data item's declared {@code limits}, or a
 * non-finite one, is not published.
 */
final class LimitsCheck {

    private LimitsCheck() {
    }

    /** Why the value must not be published, or empty when it may. */
    static Optional<String> violation(DataItemDefinition item, Value value) {
        double number;
        if (value instanceof Value.Number n) {
            number = n.value();
            if (!Double.isFinite(number)) {
                return Optional.of("value " + number + " is not a finite number");
            }
        } else if (value instanceof Value.Integer i) {
            number = i.value();
        } else {
            return Optional.empty();
        }
        Limits limits = item.limits();
        if (limits == null) {
            return Optional.empty();
        }
        boolean below = limits.min() != null && number < limits.min();
        boolean above = limits.max() != null && number > limits.max();
        if (below || above) {
            return Optional.of("value " + value.text() + " is outside its limits [" + bound(limits.min()) + ", "
                    + bound(limits.max()) + "]");
        }
        return Optional.empty();
    }

    private static String bound(Double bound) {
        return bound == null ? "open" : bound.toString();
    }
}
