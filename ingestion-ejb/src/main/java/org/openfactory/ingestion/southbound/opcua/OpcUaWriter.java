package org.openfactory.ingestion.southbound.opcua;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;

/**
 * Writes a command's value to a variable's Value attribute, as the node's own built-in type: the node's DataType is
 * read once (per client) and the value converted exactly ({@link ArgumentConverter}). Only on the command thread.
 */
final class OpcUaWriter {

    private final Duration timeout;
    // Command thread only. Cleared when the client changes; an entry is dropped when a write fails.
    private final Map<NodeId, OpcUaDataType> dataTypes = new HashMap<>();
    private OpcUaClient typesOf;

    OpcUaWriter(Duration timeout) {
        this.timeout = timeout;
    }

    /** @return empty: a write has no results */
    List<Value> write(OpcUaClient client, DeviceCommand command, NodeId node) {
        OpcUaDataType type = dataType(client, command, node);
        Value value = command.value();
        Variant variant;
        try {
            variant = ArgumentConverter.toVariant(value, type);
        } catch (ArgumentMismatchException e) {
            throw new CommandRejectedException(FailureCode.BAD_ARGUMENTS, DeviceRequest.prefix(command) + "value "
                    + value.text() + " (" + value.type() + ") does not fit the OPC UA type " + type + " of node "
                    + node.toParseableString() + ": " + e.getMessage());
        }
        StatusCode status = DeviceRequest.await(client.writeAsync(List.of(new WriteValue(node,
                        AttributeId.Value.uid(), null, DataValue.valueOnly(variant)))), timeout, command,
                "writing " + value.text() + " to node " + node.toParseableString(), true).getResults()[0];
        if (status.isGood()) {
            return List.of();
        }
        dataTypes.remove(node); // the node may have changed (e.g. BadTypeMismatch after a device update)
        throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command)
                + "the device refused to write " + value.text() + " to node " + node.toParseableString() + ": "
                + StatusNames.describe(status));
    }

    private OpcUaDataType dataType(OpcUaClient client, DeviceCommand command, NodeId node) {
        if (client != typesOf) {
            dataTypes.clear();
            typesOf = client;
        }
        OpcUaDataType known = dataTypes.get(node);
        if (known != null) {
            return known;
        }
        String what = "reading the DataType of node " + node.toParseableString();
        DataValue read = DeviceRequest.await(client.readAsync(0.0, TimestampsToReturn.Neither, List.of(
                        new ReadValueId(node, AttributeId.DataType.uid(), null, QualifiedName.NULL_VALUE))),
                timeout, command, what, false).getResults()[0];
        if (read.statusCode() != null && read.statusCode().isBad()) {
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command) + what
                    + " failed: " + StatusNames.describe(read.statusCode()));
        }
        if (!(read.value().value() instanceof NodeId dataTypeId)) {
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command) + what
                    + " gave no data type: " + read.value().value());
        }
        try {
            OpcUaDataType type = BuiltinTypes.of(dataTypeId, client);
            dataTypes.put(node, type);
            return type;
        } catch (UaException e) {
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command)
                    + "cannot resolve the DataType " + dataTypeId.toParseableString() + " of node "
                    + node.toParseableString() + ": " + StatusNames.describe(e.getStatusCode()), e);
        }
    }
}
