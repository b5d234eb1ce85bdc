package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;

@Description("Why a command failed, as a stable code (docs/commands.md).")
public enum FailureCode {
    @Description("No such asset is registered, or it was retired.") UNKNOWN_ASSET,
    @Description("The asset has no such data item.") UNKNOWN_TARGET,
    @Description("The data item is not writable.") READ_ONLY,
    @Description("Wrong number or types of arguments, or a value outside the data item's limits.") BAD_ARGUMENTS,
    @Description("The connector does not reach the device right now.") NOT_CONNECTED,
    @Description("The device refused or failed; its status is in the reason.") DEVICE_ERROR,
    @Description("No answer from the device in time, or the platform stopped after accepting; not retried.")
    OUTCOME_UNKNOWN
}
