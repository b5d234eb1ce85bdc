package org.openfactory.ingestion.southbound.modbus;

import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.modbus.RegisterCodec;
import org.openfactory.ingestion.northbound.modbus.Scaling;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.Limits;
import org.openfactory.registry.asset.ModbusSource;
import org.openfactory.registry.asset.ModbusSource.DataType;

/** What a command's value becomes on the device: a bit, or the registers of the item's data type. Pure. */
final class RegisterValues {

    private RegisterValues() {
    }

    static boolean bit(DeviceCommand command) {
        if (command.value() instanceof Value.Bool b) {
            return b.value();
        }
        throw rejected(command, "a coil takes true or false, not " + command.value().text());
    }

    /** The registers to write, in device order. */
    static int[] words(DeviceCommand command, ModbusSource source) {
        double value = engineeringValue(command);
        if (!Double.isFinite(value)) {
            throw rejected(command, "value " + value + " is not a finite number");
        }
        Limits limits = command.target().limits();
        if (limits != null && ((limits.min() != null && value < limits.min())
                || (limits.max() != null && value > limits.max()))) {
            throw rejected(command, "value " + command.value().text() + " is outside the limits ["
                    + (limits.min() == null ? "" : limits.min()) + ".." + (limits.max() == null ? "" : limits.max())
                    + "]");
        }
        DataType type = source.dataType();
        Number raw = raw(command, source, value);
        if (raw.doubleValue() < RegisterCodec.minRaw(type) || raw.doubleValue() > RegisterCodec.maxRaw(type)) {
            throw rejected(command, "value " + command.value().text() + " does not fit " + type + ": it takes "
                    + range(source) + (source.scale() == 1.0 && source.offset() == 0.0 ? ""
                    : " (raw " + format(RegisterCodec.minRaw(type)) + ".." + format(RegisterCodec.maxRaw(type))
                    + " at scale " + source.scale() + ", offset " + source.offset() + ")"));
        }
        return RegisterCodec.encode(raw, type, source.byteOrder(), source.wordOrder());
    }

    private static double engineeringValue(DeviceCommand command) {
        Value value = command.value();
        if (value instanceof Value.Number n) {
            return n.value();
        }
        if (value instanceof Value.Integer i) {
            return i.value();
        }
        throw rejected(command, "a register takes a number, not " + value.text());
    }

    /** Integers round to the nearest raw value; an unscaled integer command is taken exactly. */
    private static Number raw(DeviceCommand command, ModbusSource source, double value) {
        boolean unscaled = source.scale() == 1.0 && source.offset() == 0.0;
        if (!RegisterCodec.isInteger(source.dataType())) {
            return unscaled ? value : Scaling.toRaw(value, source);
        }
        if (unscaled && command.value() instanceof Value.Integer exact) {
            return exact.value();
        }
        double raw = Scaling.toRaw(value, source);
        if (Math.abs(raw) >= 0x1p62) {
            return raw; // beyond any register: stays double, the range check rejects it
        }
        return Math.round(raw); // not in a ?: with the double, which would widen it back to double
    }

    /** The engineering range the item's registers can hold. */
    private static String range(ModbusSource source) {
        double a = Scaling.toEngineering(RegisterCodec.minRaw(source.dataType()), source);
        double b = Scaling.toEngineering(RegisterCodec.maxRaw(source.dataType()), source);
        return format(Math.min(a, b)) + ".." + format(Math.max(a, b));
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static CommandRejectedException rejected(DeviceCommand command, String problem) {
        return new CommandRejectedException(FailureCode.BAD_ARGUMENTS, "asset " + command.asset().id()
                + ", data item " + command.target().id() + ": " + problem);
    }
}
