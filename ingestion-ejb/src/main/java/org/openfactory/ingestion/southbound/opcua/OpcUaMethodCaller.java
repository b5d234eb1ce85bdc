package org.openfactory.ingestion.southbound.opcua;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePath;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePathResult;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePath;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePathElement;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;

/**
 * Calls a METHOD data item's OPC UA method with the command's arguments converted to the method's InputArguments
 * types (read once per client from the method's property), and returns the output arguments as values. A wrong
 * argument count is rejected before anything is sent. Only on the command thread.
 */
final class OpcUaMethodCaller {

    private static final QualifiedName INPUT_ARGUMENTS = new QualifiedName(0, "InputArguments");

    private final Duration timeout;
    // Command thread only. Cleared when the client changes; an entry is dropped when a call fails.
    private final Map<NodeId, Argument[]> signatures = new HashMap<>();
    private OpcUaClient signaturesOf;

    OpcUaMethodCaller(Duration timeout) {
        this.timeout = timeout;
    }

    List<Value> call(OpcUaClient client, DeviceCommand command, NodeId objectId, NodeId methodId) {
        Argument[] inputs = inputArguments(client, command, methodId);
        List<Value> arguments = command.arguments();
        if (arguments.size() != inputs.length) {
            throw new CommandRejectedException(FailureCode.BAD_ARGUMENTS, DeviceRequest.prefix(command) + "method "
                    + methodId.toParseableString() + " takes " + inputs.length
                    + (inputs.length == 1 ? " argument" : " arguments") + signature(inputs) + ", got "
                    + arguments.size());
        }
        Variant[] values = new Variant[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            values[i] = convert(client, command, i, inputs[i], arguments.get(i));
        }
        String what = "calling method " + methodId.toParseableString() + " on object " + objectId.toParseableString();
        CallMethodResult result = DeviceRequest.await(client.callAsync(List.of(
                new CallMethodRequest(objectId, methodId, values))), timeout, command, what, true).getResults()[0];
        if (!result.getStatusCode().isGood()) {
            signatures.remove(methodId); // the method may have changed (e.g. BadTypeMismatch after an update)
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command)
                    + "the device refused the call of method " + methodId.toParseableString() + ": "
                    + StatusNames.describe(result.getStatusCode()) + argumentResults(inputs, result));
        }
        Variant[] outputs = result.getOutputArguments() == null ? new Variant[0] : result.getOutputArguments();
        return Stream.of(outputs).map(ArgumentConverter::toValue).toList();
    }

    private Variant convert(OpcUaClient client, DeviceCommand command, int index, Argument input, Value value) {
        String argument = "argument " + (index + 1) + " (" + input.getName() + ")";
        Integer rank = input.getValueRank();
        if (rank != null && rank != ValueRanks.Scalar && rank != ValueRanks.Any && rank != ValueRanks.ScalarOrOneDimension) {
            throw new CommandRejectedException(FailureCode.BAD_ARGUMENTS, DeviceRequest.prefix(command) + argument
                    + " is an array; only scalar arguments can be sent");
        }
        OpcUaDataType type;
        try {
            type = BuiltinTypes.of(input.getDataType(), client);
        } catch (UaException e) {
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command)
                    + "cannot resolve the DataType " + input.getDataType().toParseableString() + " of " + argument
                    + ": " + StatusNames.describe(e.getStatusCode()), e);
        }
        try {
            return ArgumentConverter.toVariant(value, type);
        } catch (ArgumentMismatchException e) {
            throw new CommandRejectedException(FailureCode.BAD_ARGUMENTS, DeviceRequest.prefix(command) + argument
                    + " value " + value.text() + " (" + value.type() + ") does not fit the OPC UA type " + type
                    + ": " + e.getMessage());
        }
    }

    /** The method's InputArguments property; a method without the property takes no arguments (Part 3). */
    private Argument[] inputArguments(OpcUaClient client, DeviceCommand command, NodeId methodId) {
        if (client != signaturesOf) {
            signatures.clear();
            signaturesOf = client;
        }
        Argument[] known = signatures.get(methodId);
        if (known != null) {
            return known;
        }
        String what = "reading the InputArguments of method " + methodId.toParseableString();
        BrowsePathResult path = DeviceRequest.await(client.translateBrowsePathsAsync(List.of(new BrowsePath(methodId,
                        new RelativePath(new RelativePathElement[] {new RelativePathElement(NodeIds.HasProperty,
                                false, false, INPUT_ARGUMENTS)})))), timeout, command, what, false)
                .getResults()[0];
        Argument[] arguments;
        long code = path.getStatusCode().value() & 0xFFFF_0000L;
        if (code == StatusCodes.Bad_NoMatch) {
            arguments = new Argument[0];
        } else if (path.getStatusCode().isBad() || path.getTargets() == null || path.getTargets().length == 0) {
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command) + what
                    + " failed: " + StatusNames.describe(path.getStatusCode()));
        } else {
            arguments = readArguments(client, command, what, path);
        }
        signatures.put(methodId, arguments);
        return arguments;
    }

    private Argument[] readArguments(OpcUaClient client, DeviceCommand command, String what, BrowsePathResult path) {
        NodeId property = path.getTargets()[0].getTargetId().toNodeId(client.getNamespaceTable())
                .orElseThrow(() -> new CommandRejectedException(FailureCode.DEVICE_ERROR,
                        DeviceRequest.prefix(command) + what + ": the property is on another server"));
        DataValue value = DeviceRequest.await(client.readValuesAsync(0.0, TimestampsToReturn.Neither,
                List.of(property)), timeout, command, what, false).get(0);
        if (value.statusCode() != null && value.statusCode().isBad()) {
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command) + what
                    + " failed: " + StatusNames.describe(value.statusCode()));
        }
        Object encoded = value.value().value();
        if (encoded == null) {
            return new Argument[0];
        }
        if (!(encoded instanceof Object[] array)) {
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command) + what
                    + ": not an array of Argument but " + encoded);
        }
        List<Argument> arguments = new ArrayList<>();
        for (Object element : array) {
            Object decoded = element instanceof ExtensionObject xo ? xo.decode(client.getStaticEncodingContext())
                    : element;
            if (!(decoded instanceof Argument argument)) {
                throw new CommandRejectedException(FailureCode.DEVICE_ERROR, DeviceRequest.prefix(command) + what
                        + ": not an Argument: " + decoded);
            }
            arguments.add(argument);
        }
        return arguments.toArray(new Argument[0]);
    }

    /** e.g. " (Mode: String)" */
    private static String signature(Argument[] inputs) {
        if (inputs.length == 0) {
            return "";
        }
        return Stream.of(inputs).map(a -> a.getName() + ": " + typeName(a.getDataType()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    private static String typeName(NodeId dataType) {
        return OpcUaDataType.isBuiltin(dataType) ? OpcUaDataType.fromNodeId(dataType).name()
                : dataType.toParseableString();
    }

    /** The device's verdict per argument, when it gave one, e.g. "; argument 1 (Mode): BadOutOfRange (...)". */
    private static String argumentResults(Argument[] inputs, CallMethodResult result) {
        StatusCode[] results = result.getInputArgumentResults();
        if (results == null) {
            return "";
        }
        var text = new StringBuilder();
        for (int i = 0; i < results.length; i++) {
            if (results[i] != null && !results[i].isGood()) {
                String name = i < inputs.length ? inputs[i].getName() : "?";
                text.append("; argument ").append(i + 1).append(" (").append(name).append("): ")
                        .append(StatusNames.describe(results[i]));
            }
        }
        return text.toString();
    }
}
