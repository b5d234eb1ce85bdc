package org.openfactory.ingestion.southbound.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.modbus.ModbusExceptions;
import org.openfactory.model.command.FailureCode;
import org.openfactory.registry.asset.ModbusSource;
import org.openfactory.registry.asset.ModbusSource.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a command's value to the device: a coil from a boolean, holding registers from a number encoded as the data
 * item declares (type, byte and word order, {@code raw = (value - offset) / scale}, integers rounded to the nearest).
 * One register is written with function code 6, several with function code 16 in one request, so a 32/64-bit value
 * never lands half-written.
 */
public final class ModbusCommandWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusCommandWriter.class);

    private final int unitId;

    public ModbusCommandWriter(int unitId) {
        this.unitId = unitId;
    }

    /**
     * @throws CommandRejectedException the value does not fit (BAD_ARGUMENTS), the item cannot be written
     *                                  (READ_ONLY) or the device answered with a Modbus exception (DEVICE_ERROR)
     * @throws ModbusException          the connection failed during the write: whether the device applied it is
     *                                  unknown
     */
    public void write(AbstractModbusMaster master, DeviceCommand command) throws ModbusException {
        ModbusSource source = modbusSource(command);
        try {
            if (source.table() == Table.COIL) {
                master.writeCoil(unitId, source.address(), RegisterValues.bit(command));
            } else {
                int[] words = RegisterValues.words(command, source);
                if (words.length == 1) {
                    master.writeSingleRegister(unitId, source.address(), new SimpleRegister(words[0]));
                } else {
                    master.writeMultipleRegisters(unitId, source.address(), registers(words));
                }
            }
        } catch (ModbusSlaveException e) {
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, "asset " + command.asset().id() + ": unit "
                    + unitId + " refused writing data item " + command.target().id() + " (" + source.table() + " "
                    + source.address() + ") with " + ModbusExceptions.describe(e), e);
        }
        LOG.info("Asset {}: wrote {} to data item {} ({} {}), command {}", command.asset().id(),
                command.value().text(), command.target().id(), source.table(), source.address(),
                command.correlationId());
    }

    private static ModbusSource modbusSource(DeviceCommand command) {
        if (command.isMethodCall()) {
            throw new CommandRejectedException(FailureCode.BAD_ARGUMENTS, "asset " + command.asset().id()
                    + ": data item " + command.target().id() + " is a method; Modbus has no methods");
        }
        if (!(command.target().source() instanceof ModbusSource source)) {
            throw new CommandRejectedException(FailureCode.BAD_ARGUMENTS, "asset " + command.asset().id()
                    + ": data item " + command.target().id() + " has no Modbus mapping");
        }
        if (!source.table().isWritable()) {
            throw new CommandRejectedException(FailureCode.READ_ONLY, "asset " + command.asset().id()
                    + ": data item " + command.target().id() + " is in the read-only table " + source.table());
        }
        return source;
    }

    private static Register[] registers(int[] words) {
        Register[] registers = new Register[words.length];
        for (int i = 0; i < words.length; i++) {
            registers[i] = new SimpleRegister(words[i]);
        }
        return registers;
    }
}
