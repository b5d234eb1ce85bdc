package org.openfactory.ingestion.northbound.modbus;

import java.util.HashSet;
import java.util.Set;

import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's out-of-range policy: a numeric value outside the data item's declared limits, or a NaN or infinite
 * one, is not published. It is logged as a WARN once per data item until a valid value arrives again, so a stuck
 * sensor does not flood the log. Not thread-safe: used by the one poller thread.
 */
final class LimitCheck {

    private static final Logger LOG = LoggerFactory.getLogger(LimitCheck.class);

    private final String assetId;
    private final Set<String> warned = new HashSet<>();

    LimitCheck(String assetId) {
        this.assetId = assetId;
    }

    /** Whether {@code value} may be published for {@code item}; logs the first rejection of a run. */
    boolean admits(DataItemDefinition item, Value value) {
        String problem = problem(value, item.limits());
        if (problem == null) {
            if (warned.remove(item.id())) {
                LOG.info("Asset {}: data item {} is valid again: {}", assetId, item.id(), value.text());
            }
            return true;
        }
        String message = "Asset {}: data item {} value {} not published: {}";
        if (warned.add(item.id())) {
            LOG.warn(message, assetId, item.id(), value.text(), problem);
        } else {
            LOG.debug(message, assetId, item.id(), value.text(), problem);
        }
        return false;
    }

    private static String problem(Value value, Limits limits) {
        double number;
        if (value instanceof Value.Number n) {
            number = n.value();
            if (!Double.isFinite(number)) {
                return "not a finite number";
            }
        } else if (value instanceof Value.Integer i) {
            number = i.value();
        } else {
            return null;
        }
        if (limits == null) {
            return null;
        }
        if ((limits.min() != null && number < limits.min()) || (limits.max() != null && number > limits.max())) {
            return "outside the limits " + describe(limits);
        }
        return null;
    }

    static String describe(Limits limits) {
        return "[" + (limits.min() == null ? "" : limits.min()) + ".." + (limits.max() == null ? "" : limits.max())
                + "]";
    }
}
