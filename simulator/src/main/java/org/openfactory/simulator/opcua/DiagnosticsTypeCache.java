package org.openfactory.simulator.opcua;

import java.util.List;

import org.eclipse.milo.opcua.sdk.server.NodeManager;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Works around a Milo 1.0 hazard: {@link NodeFactory} caches type hierarchies in a JVM-wide static cache. The first
 * session makes Milo build the session diagnostics hierarchy in the background; if the server shuts down meanwhile
 * (common in tests), an incomplete hierarchy is cached and every later server in the JVM fails to create session
 * diagnostics. Building the hierarchies before the port opens, on a complete address space, avoids that.
 */
public final class DiagnosticsTypeCache {

    private static final List<NodeId> TYPES = List.of(
            NodeIds.SessionDiagnosticsObjectType,
            NodeIds.SessionDiagnosticsVariableType,
            NodeIds.SessionSecurityDiagnosticsType,
            NodeIds.SubscriptionDiagnosticsType);

    private DiagnosticsTypeCache() {
    }

    /** Rebuilds the cached hierarchies from {@code server}'s address space; the scratch nodes are discarded. Call before the port opens. */
    public static void refresh(OpcUaServer server) throws UaException {
        var scratch = new UaNodeManager();
        var factory = new NodeFactory(new UaNodeContext() {
            @Override
            public OpcUaServer getServer() {
                return server;
            }

            @Override
            public NodeManager<UaNode> getNodeManager() {
                return scratch;
            }
        });
        // Registered only while instantiating: Milo resolves the new nodes' references through the address space.
        server.getAddressSpaceManager().register(scratch);
        try {
            for (NodeId type : TYPES) {
                NodeFactory.invalidateCachedIdh(type);
                factory.createNode(new NodeId(1, "openfactory-warmup/" + type.getIdentifier()), type);
            }
        } finally {
            server.getAddressSpaceManager().unregister(scratch);
        }
    }
}
