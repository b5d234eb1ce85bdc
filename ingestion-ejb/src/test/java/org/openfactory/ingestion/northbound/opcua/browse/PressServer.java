package org.openfactory.ingestion.northbound.opcua.browse;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.nodes.VariableNodeProperties;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.methods.MethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.model.variables.AnalogItemType;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.openfactory.simulator.opcua.DiagnosticsTypeCache;

/**
 * A real OPC UA server whose address space has what the temperature controller lacks: engineering units and
 * ranges, integer, float and localized text variables, unsupported types, arrays, a method, a duplicate browse
 * name, a name that is no valid id and a variable deeper than the browse depth.
 */
final class PressServer implements AutoCloseable {

    static final String NAMESPACE_URI = "urn:openfactory:test:press";

    private final int port;
    private final OpcUaServer server;
    private final Namespace namespace;

    PressServer(int port) {
        this.port = port;
        var transport = new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build());
        var config = OpcUaServerConfig.builder()
                .setApplicationUri("urn:openfactory:test:press-server")
                .setApplicationName(LocalizedText.english("press"))
                .setProductUri("urn:openfactory:test")
                .setEndpoints(Set.of(EndpointConfig.newBuilder()
                        .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                        .setBindAddress("127.0.0.1")
                        .setBindPort(port)
                        .setHostname("127.0.0.1")
                        .setPath("/press")
                        .setSecurityPolicy(SecurityPolicy.None)
                        .setSecurityMode(MessageSecurityMode.None)
                        .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
                        .build()))
                .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
                .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine()))
                .build();
        server = new OpcUaServer(config, profile -> transport);
        namespace = new Namespace(server);
    }

    String endpointUrl() {
        return "opc.tcp://127.0.0.1:" + port + "/press";
    }

    void start() throws Exception {
        namespace.startup();
        DiagnosticsTypeCache.refresh(server);
        server.startup().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        server.getSessionManager().getAllSessions()
                .forEach(s -> server.getSessionManager().killSession(s.getSessionId(), true));
        Thread.sleep(200); // let Milo finish its per-session bookkeeping before the address space goes
        namespace.shutdown();
        server.shutdown().get(10, TimeUnit.SECONDS);
    }

    private static final class Namespace extends ManagedNamespaceWithLifecycle {

        Namespace(OpcUaServer server) {
            super(server, NAMESPACE_URI);
            getLifecycleManager().addStartupTask(this::createNodes);
        }

        private void createNodes() {
            UaFolderNode press = folder("Press", null);

            UaVariableNode pressure = variable(press, "Press/Pressure", "Pressure", NodeIds.Double,
                    AccessLevel.READ_ONLY, new Variant(12.5));
            pressure.setProperty(VariableNodeProperties.EngineeringUnits,
                    new EUInformation("http://www.opcfoundation.org/UA/units/un/cefact", 4342098,
                            LocalizedText.english("bar"), LocalizedText.english("bar")));
            pressure.setProperty(AnalogItemType.EU_RANGE, new Range(0.0, 250.0));
            variable(press, "Press/TargetPressure", "Target Pressure", NodeIds.Float, AccessLevel.READ_WRITE,
                    new Variant(100f));
            variable(press, "Press/Cycles", "Cycles", NodeIds.Int32, AccessLevel.READ_ONLY, new Variant(7));
            variable(press, "Press/Recipe", "Recipe", NodeIds.LocalizedText, AccessLevel.READ_WRITE,
                    new Variant(LocalizedText.english("steel-2mm")));
            variable(press, "Press/1st-Stage", "1st-Stage", NodeIds.Boolean, AccessLevel.READ_ONLY,
                    new Variant(true));
            variable(press, "Press/LastService", "LastService", NodeIds.DateTime, AccessLevel.READ_ONLY,
                    new Variant(org.eclipse.milo.opcua.stack.core.types.builtin.DateTime.now()));
            UaVariableNode profile = variable(press, "Press/Profile", "Profile", NodeIds.Double,
                    AccessLevel.READ_ONLY, new Variant(new Double[] {1.0, 2.0}));
            profile.setValueRank(1);
            profile.setArrayDimensions(new UInteger[] {uint(0)});

            UaFolderNode head = folder("Press/Head", press);
            variable(head, "Press/Head/Pressure", "Pressure", NodeIds.Double, AccessLevel.READ_ONLY,
                    new Variant(3.0));
            UaFolderNode deeper = folder("Press/Head/Deeper", head);
            variable(deeper, "Press/Head/Deeper/Hidden", "Hidden", NodeIds.Double, AccessLevel.READ_ONLY,
                    new Variant(0.0));

            UaMethodNode reset = UaMethodNode.builder(getNodeContext())
                    .setNodeId(newNodeId("Press/Reset"))
                    .setBrowseName(newQualifiedName("Reset"))
                    .setDisplayName(LocalizedText.english("Reset"))
                    .build();
            reset.setOutputArguments(new Argument[] {new Argument("done", NodeIds.Boolean, -1, null,
                    LocalizedText.english("true when reset"))});
            reset.setInvocationHandler(MethodInvocationHandler.NOT_IMPLEMENTED);
            getNodeManager().addNode(reset);
            press.addReference(new Reference(press.getNodeId(), NodeIds.HasComponent, reset.getNodeId().expanded(),
                    true));
        }

        private UaFolderNode folder(String path, UaFolderNode parent) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            var folder = new UaFolderNode(getNodeContext(), newNodeId(path), newQualifiedName(name),
                    LocalizedText.english(name));
            getNodeManager().addNode(folder);
            if (parent == null) {
                folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes,
                        NodeIds.ObjectsFolder.expanded(), false));
            } else {
                parent.addOrganizes(folder);
            }
            return folder;
        }

        private UaVariableNode variable(UaFolderNode folder, String path, String name, NodeId dataType,
                                        Set<AccessLevel> access, Variant value) {
            UaVariableNode node = UaVariableNode.builder(getNodeContext())
                    .setNodeId(newNodeId(path))
                    .setBrowseName(newQualifiedName(name))
                    .setDisplayName(LocalizedText.english(name))
                    .setDataType(dataType)
                    .setAccessLevel(access)
                    .setUserAccessLevel(access)
                    .build();
            node.setValue(new DataValue(value));
            getNodeManager().addNode(node);
            folder.addOrganizes(node);
            return node;
        }

        @Override
        public void onDataItemsCreated(List<DataItem> dataItems) {
        }

        @Override
        public void onDataItemsModified(List<DataItem> dataItems) {
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> dataItems) {
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
        }
    }
}
