package org.openfactory.ingestion.northbound.modbus;

import com.ghgande.j2mod.modbus.ModbusSlaveException;

/** One-line descriptions of what went wrong, for logs and command failure reasons. */
public final class ModbusExceptions {

    private ModbusExceptions() {
    }

    /** {@code Modbus exception 2 (illegal data address)}. */
    public static String describe(ModbusSlaveException e) {
        return "Modbus exception " + e.getType() + " (" + ModbusSlaveException.getMessage(e.getType()).toLowerCase()
                + ")";
    }

    /** The innermost cause, e.g. "ConnectException: Connection refused". */
    public static String describe(Throwable e) {
        if (e instanceof ModbusSlaveException slave) {
            return describe(slave);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
