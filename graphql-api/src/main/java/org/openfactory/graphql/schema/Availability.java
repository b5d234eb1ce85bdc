package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;

@Description("Whether the platform can reach an asset, as its connector sees it.")
public enum Availability {
    @Description("The connector is connected to the asset.")
    AVAILABLE,
    @Description("The connector has not been connected for the configured time, or was stopped.")
    UNAVAILABLE
}
