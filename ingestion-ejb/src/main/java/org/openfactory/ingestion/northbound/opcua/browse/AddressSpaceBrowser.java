package org.openfactory.ingestion.northbound.opcua.browse;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.Limits;

/**
 * Walks a server's address space along hierarchical references (Organizes, HasComponent, ...) from a start node,
 * down to a depth, and describes every variable and method it meets. Properties (HasProperty) describe their
 * parent and are not data items; the server's own nodes (namespace 0, e.g. the Server object) are left out.
 */
final class AddressSpaceBrowser {

    /** Supported data types by their standard node id; the rest is skipped. */
    private static final Map<NodeId, ValueType> TYPES = Map.ofEntries(
            Map.entry(NodeIds.Double, ValueType.DOUBLE), Map.entry(NodeIds.Float, ValueType.DOUBLE),
            Map.entry(NodeIds.Duration, ValueType.DOUBLE),
            Map.entry(NodeIds.SByte, ValueType.INTEGER), Map.entry(NodeIds.Byte, ValueType.INTEGER),
            Map.entry(NodeIds.Int16, ValueType.INTEGER), Map.entry(NodeIds.UInt16, ValueType.INTEGER),
            Map.entry(NodeIds.Int32, ValueType.INTEGER), Map.entry(NodeIds.UInt32, ValueType.INTEGER),
            Map.entry(NodeIds.Int64, ValueType.INTEGER), Map.entry(NodeIds.UInt64, ValueType.INTEGER),
            Map.entry(NodeIds.Boolean, ValueType.BOOLEAN),
            Map.entry(NodeIds.String, ValueType.STRING), Map.entry(NodeIds.LocalizedText, ValueType.STRING));

    /** AccessLevel bit 1: the current value can be written. */
    private static final int CURRENT_WRITE = 0x02;
    private static final int SCALAR = -1;

    private final OpcUaClient client;
    private final List<BrowsedNode> found = new ArrayList<>();
    private final Set<NodeId> visited = new HashSet<>();
    private final Map<NodeId, Boolean> conditionTypes = new HashMap<>();

    private AddressSpaceBrowser(OpcUaClient client) {
        this.client = client;
    }

    /**
     * @param depth how many levels below {@code start} are looked at; 1 = its direct children only
     */
    static List<BrowsedNode> browse(OpcUaClient client, NodeId start, int depth) throws UaException {
        var browser = new AddressSpaceBrowser(client);
        browser.visited.add(start);
        browser.walk(start, depth);
        return List.copyOf(browser.found);
    }

    private void walk(NodeId parent, int depthLeft) throws UaException {
        if (depthLeft <= 0) {
            return;
        }
        for (ReferenceDescription ref : references(parent, NodeIds.HierarchicalReferences,
                NodeClass.Object.getValue() | NodeClass.Variable.getValue() | NodeClass.Method.getValue())) {
            if (NodeIds.HasProperty.equals(ref.getReferenceTypeId())) {
                continue;
            }
            Optional<NodeId> id = ref.getNodeId().toNodeId(client.getNamespaceTable());
            if (id.isEmpty() || id.get().getNamespaceIndex().intValue() == 0 || !visited.add(id.get())) {
                continue; // another server's node, a standard node, or one reached twice
            }
            NodeId node = id.get();
            String name = ref.getBrowseName().name();
            if (ref.getNodeClass() == NodeClass.Variable) {
                found.add(variable(name, node));
                walk(node, depthLeft - 1); // variables may have component variables
            } else if (ref.getNodeClass() == NodeClass.Method) {
                found.add(new BrowsedNode.Method(name, node.toParseableString(), parent.toParseableString(),
                        resultType(node)));
            } else if (isConditionType(ref.getTypeDefinition().toNodeId(client.getNamespaceTable()).orElse(null))) {
                // an alarm: its fields are not data items; its notifier's events are one CONDITION item
                found.add(new BrowsedNode.Condition(name, parent.toParseableString()));
            } else {
                walk(node, depthLeft - 1);
            }
        }
    }

    /** True for ConditionType and its subtypes (alarms), found by walking up the type hierarchy. */
    private boolean isConditionType(NodeId type) throws UaException {
        for (int level = 0; type != null && level < 16; level++) {
            Boolean known = conditionTypes.get(type);
            if (known != null) {
                return known;
            }
            if (NodeIds.ConditionType.equals(type)) {
                return true;
            }
            if (NodeIds.BaseObjectType.equals(type)) {
                return false;
            }
            type = supertype(type);
        }
        return false;
    }

    private NodeId supertype(NodeId type) throws UaException {
        BrowseResult result = client.browse(new BrowseDescription(type, BrowseDirection.Inverse, NodeIds.HasSubtype,
                false, uint(NodeClass.ObjectType.getValue()), uint(BrowseResultMask.All.getValue())));
        ReferenceDescription[] supertypes = result.getReferences();
        return supertypes == null || supertypes.length == 0 ? null
                : supertypes[0].getNodeId().toNodeId(client.getNamespaceTable()).orElse(null);
    }

    private BrowsedNode variable(String name, NodeId node) throws UaException {
        List<DataValue> attributes = read(List.of(
                new ReadValueId(node, AttributeId.DataType.uid(), null, null),
                new ReadValueId(node, AttributeId.AccessLevel.uid(), null, null),
                new ReadValueId(node, AttributeId.ValueRank.uid(), null, null)));
        Object dataType = attributes.get(0).value().value();
        if (!(dataType instanceof NodeId typeId)) {
            return new BrowsedNode.Skipped(name, node.toParseableString(), "its DataType cannot be read ("
                    + attributes.get(0).statusCode() + ")");
        }
        Object rank = attributes.get(2).value().value();
        if (rank instanceof Integer r && r != SCALAR) {
            return new BrowsedNode.Skipped(name, node.toParseableString(), "it holds an array (ValueRank " + r
                    + "); data items are scalar");
        }
        ValueType type = TYPES.get(typeId);
        if (type == null) {
            return new BrowsedNode.Skipped(name, node.toParseableString(), "DataType " + typeName(typeId)
                    + " has no data item value type");
        }
        boolean writable = attributes.get(1).value().value() instanceof UByte access
                && (access.intValue() & CURRENT_WRITE) != 0;
        String units = null;
        Limits limits = null;
        for (ReferenceDescription property : references(node, NodeIds.HasProperty, NodeClass.Variable.getValue())) {
            String propertyName = property.getBrowseName().name();
            Optional<NodeId> propertyId = property.getNodeId().toNodeId(client.getNamespaceTable());
            if (propertyId.isEmpty()) {
                continue;
            }
            if ("EngineeringUnits".equals(propertyName)
                    && decode(value(propertyId.get())) instanceof EUInformation eu) {
                units = eu.getDisplayName() != null && eu.getDisplayName().text() != null
                        && !eu.getDisplayName().text().isBlank() ? eu.getDisplayName().text() : null;
            } else if ("EURange".equals(propertyName) && decode(value(propertyId.get())) instanceof Range range
                    && isNumeric(type)) {
                limits = new Limits(finite(range.getLow()), finite(range.getHigh()));
                if (limits.min() == null && limits.max() == null) {
                    limits = null;
                }
            }
        }
        return new BrowsedNode.Variable(name, node.toParseableString(), type, writable, units, limits,
                typeName(typeId));
    }

    /** The type of the method's first output argument, if the format can carry it. */
    private ValueType resultType(NodeId method) throws UaException {
        for (ReferenceDescription property : references(method, NodeIds.HasProperty, NodeClass.Variable.getValue())) {
            if (!"OutputArguments".equals(property.getBrowseName().name())) {
                continue;
            }
            Optional<NodeId> id = property.getNodeId().toNodeId(client.getNamespaceTable());
            Object value = id.isPresent() ? value(id.get()) : null;
            if (value instanceof Object[] outputs && outputs.length > 0
                    && decode(outputs[0]) instanceof Argument first) {
                return TYPES.get(first.getDataType());
            }
        }
        return null;
    }

    private List<ReferenceDescription> references(NodeId node, NodeId referenceType, int nodeClasses)
            throws UaException {
        BrowseResult result = client.browse(new BrowseDescription(node, BrowseDirection.Forward, referenceType, true,
                uint(nodeClasses), uint(BrowseResultMask.All.getValue())));
        List<ReferenceDescription> all = new ArrayList<>();
        while (true) {
            if (result.getReferences() != null) {
                all.addAll(List.of(result.getReferences()));
            }
            ByteString next = result.getContinuationPoint();
            if (next == null || next.isNull() || next.length() == 0) {
                return all;
            }
            result = client.browseNext(false, List.of(next)).getResults()[0];
        }
    }

    private Object value(NodeId node) throws UaException {
        return read(List.of(new ReadValueId(node, AttributeId.Value.uid(), null, null))).get(0).value().value();
    }

    private List<DataValue> read(List<ReadValueId> ids) throws UaException {
        return List.of(client.read(0.0, TimestampsToReturn.Neither, ids).getResults());
    }

    private Object decode(Object value) {
        if (value instanceof ExtensionObject xo) {
            try {
                return xo.decode(client.getStaticEncodingContext());
            } catch (RuntimeException e) {
                return null; // a structure this client cannot decode: the property is ignored
            }
        }
        return value;
    }

    private String typeName(NodeId typeId) {
        try {
            Object name = read(List.of(new ReadValueId(typeId, AttributeId.BrowseName.uid(), null, null)))
                    .get(0).value().value();
            if (name instanceof QualifiedName q && q.name() != null) {
                return q.name();
            }
        } catch (UaException e) {
            // the id is name enough
        }
        return typeId.toParseableString();
    }

    private static boolean isNumeric(ValueType type) {
        return type == ValueType.DOUBLE || type == ValueType.INTEGER;
    }

    private static Double finite(Double value) {
        return value != null && Double.isFinite(value) ? value : null;
    }
}
