package org.openfactory.ingestion.northbound.opcua;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.openfactory.registry.asset.DataItemDefinition;

/** A data item and the node its monitored item watches: a variable's value, or an event notifier's events. */
sealed interface MonitoredBinding permits NodeBinding, EventBinding {

    DataItemDefinition item();

    NodeId nodeId();
}
