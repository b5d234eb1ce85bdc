package org.openfactory.ingestion.southbound.opcua;

import java.util.Optional;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;

/** How commands reach the device: the connector's client, while its session is active. */
@FunctionalInterface
public interface OpcUaSessionClient {

    /** The client of the active session, or empty while there is none (connecting, reconnecting, closed). */
    Optional<OpcUaClient> activeClient();
}
