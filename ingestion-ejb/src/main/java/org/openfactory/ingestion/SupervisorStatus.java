package org.openfactory.ingestion;

import java.util.Map;

/**
 * @param registryRebuilt true once the registry topic has been replayed, so connectors match the asset files
 * @param executingCommands true once the command consumer runs
 * @param links           per asset id, whether its connector reaches the device
 */
public record SupervisorStatus(boolean registryRebuilt, boolean executingCommands, Map<String, String> links) {

    public SupervisorStatus {
        links = Map.copyOf(links);
    }
}
