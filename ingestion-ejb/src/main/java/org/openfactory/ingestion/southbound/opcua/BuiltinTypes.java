package org.openfactory.ingestion.southbound.opcua;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.core.typetree.DataTypeTree;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/** The OPC UA built-in type behind a DataType node id (a subtype such as Duration is sent as its Double). */
final class BuiltinTypes {

    private BuiltinTypes() {
    }

    /**
     * Built-in types directly; any other type through the device's type tree, which Milo reads once per client
     * (blocking: call it on the command thread only). Enumerations are Int32.
     */
    static OpcUaDataType of(NodeId dataType, OpcUaClient client) throws UaException {
        if (OpcUaDataType.isBuiltin(dataType)) {
            return OpcUaDataType.fromNodeId(dataType);
        }
        DataTypeTree tree = client.getDataTypeTree();
        return tree.isEnumType(dataType) ? OpcUaDataType.Int32 : tree.getBuiltinType(dataType);
    }
}
