package org.openfactory.ingestion.southbound.opcua;

import java.util.Locale;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

/** Status codes as OPC UA names them, for command failure reasons: {@code BadNotWritable (0x803B0000)}. */
final class StatusNames {

    private StatusNames() {
    }

    static String describe(StatusCode status) {
        return describe(status.value());
    }

    static String describe(long code) {
        String name = StatusCodes.lookup(code & 0xFFFF_0000L)
                .map(names -> names[0].replace("_", ""))
                .orElse("Status");
        return name + " (0x" + String.format(Locale.ROOT, "%08X", code) + ")";
    }
}
