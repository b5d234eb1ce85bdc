package org.openfactory.ingestion.connector;

import org.openfactory.registry.asset.AssetDefinition;

/** Makes connectors of one protocol; the supervisor picks the factory by the asset's connector type. */
public interface ConnectorFactory {

    /** The connector type it serves, as in the asset file: {@code opcua}, {@code modbus}, ... */
    String type();

    /**
     * @param asset an asset whose {@code connector.type} is {@link #type()}
     */
    Connector create(AssetDefinition asset, ConnectorContext context);
}
