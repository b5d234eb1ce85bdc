package org.openfactory.graphql.schema;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CommandInput")
@Description("A command for an asset: a write of one writable data item, or a call of a METHOD data item.")
public record CommandInput(
        @NonNull @Description("The asset to command.") String assetId,
        @NonNull @Description("The data item to write, or the METHOD data item to call.") String target,
        @Description("One value for a write; the method's input arguments in order for a call.")
        List<ValueInput> arguments,
        @DefaultValue("30") @Description("Seconds the command may wait for its connector before it expires "
                + "(1 to 86400).") Integer ttlSeconds,
        @Description("Your own id for the command, to retry a send safely: a second send with the same id and "
                + "content is not issued again. A fresh UUID when omitted.") String correlationId) {
}
