package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a command stands. COMPLETED, FAILED and EXPIRED are final.")
public enum CommandStatus {
    @Description("On the log, not yet taken by its connector.") ISSUED,
    @Description("Checked by the connector that owns the asset and being executed; never executed twice.") ACCEPTED,
    @Description("The device did it.") COMPLETED,
    @Description("Refused, or the device did not do it: see failureCode and reason.") FAILED,
    @Description("Reached its connector after it expired; not executed.") EXPIRED
}
