package org.openfactory.ingestion.northbound.mtconnect;

import java.io.IOException;

/** The agent answered with an MTConnectError document where another document was expected. */
public final class AgentErrorException extends IOException {

    private final transient AgentResponse.Errors errors;

    public AgentErrorException(String request, AgentResponse.Errors errors) {
        super(request + " answered " + errors.describe());
        this.errors = errors;
    }

    public AgentResponse.Errors errors() {
        return errors;
    }
}
