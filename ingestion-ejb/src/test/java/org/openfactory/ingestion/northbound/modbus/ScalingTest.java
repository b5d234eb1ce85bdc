package org.openfactory.ingestion.northbound.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openfactory.registry.asset.ModbusSource.Order.BIG_ENDIAN;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.ModbusSource;
import org.openfactory.registry.asset.ModbusSource.DataType;
import org.openfactory.registry.asset.ModbusSource.Table;

class ScalingTest {

    private static final ModbusSource UNSCALED = ModbusSource.of(Table.INPUT_REGISTER, 0, DataType.UINT32);
    private static final ModbusSource TENTHS = new ModbusSource(Table.INPUT_REGISTER, 0, DataType.INT16, BIG_ENDIAN,
            BIG_ENDIAN, 0.1, -10.0);

    @Test
    void unscaledIntegerItemsStayExactIntegers() {
        assertEquals(new Value.Integer(4_000_000_000L), Scaling.toValue(4_000_000_000L, UNSCALED, ValueType.INTEGER));
    }

    @Test
    void doubleItemsAreScaledAndOffset() {
        assertEquals(new Value.Number(4_000_000_000.0), Scaling.toValue(4_000_000_000L, UNSCALED, ValueType.DOUBLE));
        assertEquals(new Value.Number(-10.0 + 12.3), Scaling.toValue(123L, TENTHS, ValueType.DOUBLE));
        assertEquals(new Value.Number(Double.NaN), Scaling.toValue(Double.NaN, UNSCALED, ValueType.DOUBLE),
                "left to the limit check");
    }

    @Test
    void scaledIntegerItemsRoundToTheNearestInteger() {
        assertEquals(new Value.Integer(2), Scaling.toValue(123L, TENTHS, ValueType.INTEGER), "12.3 - 10 = 2.3");
        assertEquals(new Value.Integer(3), Scaling.toValue(126L, TENTHS, ValueType.INTEGER), "2.6");
        assertThrows(IllegalArgumentException.class, () -> Scaling.toValue(1L, UNSCALED, ValueType.STRING));
    }

    @Test
    void toRawInvertsTheScaling() {
        assertEquals(123.0, Scaling.toRaw(2.3, TENTHS), 1e-9);
        assertEquals(2.3, Scaling.toEngineering(123.0, TENTHS), 1e-9);
        assertEquals(42.0, Scaling.toRaw(42.0, UNSCALED));
    }
}
