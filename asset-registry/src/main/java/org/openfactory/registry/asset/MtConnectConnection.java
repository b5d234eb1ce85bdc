package org.openfactory.registry.asset;

import java.util.Objects;

/**
 * A device behind an MTConnect agent.
 *
 * @param agentUrl the agent's base URL, e.g. {@code http://agent.local:5000}
 * @param device   the device's name (or uuid) in the agent
 */
public record MtConnectConnection(String agentUrl, String device) implements ConnectorBinding {

    public MtConnectConnection {
        Objects.requireNonNull(agentUrl, "agentUrl");
        Objects.requireNonNull(device, "device");
    }

    @Override
    public String type() {
        return MTCONNECT;
    }

    /** The device's address in the agent, e.g. {@code http://agent.local:5000/VMC-3Axis}. */
    @Override
    public String endpoint() {
        return (agentUrl.endsWith("/") ? agentUrl : agentUrl + "/") + device;
    }
}
