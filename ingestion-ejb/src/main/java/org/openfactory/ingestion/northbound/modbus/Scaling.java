package org.openfactory.ingestion.northbound.modbus;

import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.ModbusSource;

/**
 * The linear mapping between a register's raw number and the data item's engineering value,
 * {@code value = raw * scale + offset}, in both directions.
 */
public final class Scaling {

    private Scaling() {
    }

    /**
     * The engineering value of a decoded raw number: a {@link Value.Integer} for INTEGER items (exact when unscaled,
     * else rounded to the nearest integer), a {@link Value.Number} for DOUBLE items (may be NaN or infinite: the caller
     * decides what to do with it).
     */
    public static Value toValue(Number raw, ModbusSource source, ValueType valueType) {
        boolean unscaled = source.scale() == 1.0 && source.offset() == 0.0;
        if (valueType == ValueType.INTEGER) {
            if (unscaled && raw instanceof Long exact) {
                return new Value.Integer(exact);
            }
            double scaled = raw.doubleValue() * source.scale() + source.offset();
            if (!Double.isFinite(scaled)) {
                throw new IllegalArgumentException("raw " + raw + " scales to " + scaled + ", not an integer");
            }
            return new Value.Integer(Math.round(scaled));
        }
        if (valueType == ValueType.DOUBLE) {
            double value = raw.doubleValue();
            return new Value.Number(unscaled ? value : value * source.scale() + source.offset());
        }
        throw new IllegalArgumentException("a Modbus " + source.dataType() + " reads as DOUBLE or INTEGER, not "
                + valueType);
    }

    /** The raw number for an engineering value: {@code (value - offset) / scale}, not rounded. */
    public static double toRaw(double value, ModbusSource source) {
        return (value - source.offset()) / source.scale();
    }

    /** The engineering value of a raw number, for messages about ranges. */
    public static double toEngineering(double raw, ModbusSource source) {
        return raw * source.scale() + source.offset();
    }
}
