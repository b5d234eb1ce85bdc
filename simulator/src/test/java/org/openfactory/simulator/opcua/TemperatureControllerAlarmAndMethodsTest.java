package org.openfactory.simulator.opcua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.EventFilterBuilder;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The controller's alarm (a real OPC UA condition) and its methods, through a real OPC UA client. */
@Timeout(60)
class TemperatureControllerAlarmAndMethodsTest {

    private static final NodeId CONTROLLER = NodeId.parse(TemperatureControllerServer.controllerNodeId());
    // Select clauses, in this order, of every event item of the tests.
    private static final int EVENT_TYPE = 0;
    private static final int SOURCE_NODE = 1;
    private static final int MESSAGE = 2;
    private static final int SEVERITY = 3;
    private static final int CONDITION_NAME = 4;
    private static final int ACTIVE = 5;
    private static final int ACKED = 6;
    private static final int RETAIN = 7;
    private static final int TIME = 8;

    private int port;
    private TemperatureControllerServer server;
    private OpcUaClient client;

    @BeforeEach
    void startServer() throws IOException {
        port = freePort();
        server = new TemperatureControllerServer("127.0.0.1", port, Duration.ofMillis(100), 7L);
        server.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            try {
                client.disconnect();
            } catch (UaException ignored) {
                // best effort in cleanup
            }
        }
        server.close();
    }

    @Test
    void theControllerIsAnEventNotifierOfTheServerAndTheSourceOfItsAlarm() throws Exception {
        connect();
        var eventNotifier = client.read(0.0, TimestampsToReturn.Neither,
                List.of(new ReadValueId(CONTROLLER, AttributeId.EventNotifier.uid(), null, QualifiedName.NULL_VALUE)))
                .getResults()[0].value().value();
        assertEquals(1, ((UByte) eventNotifier).intValue() & 1, "SubscribeToEvents");

        assertTrue(browse(NodeIds.Server, NodeIds.HasNotifier).stream()
                .anyMatch(r -> r.getNodeId().getIdentifier().equals(TemperatureControllerServer.FOLDER)));
        List<ReferenceDescription> conditions = browse(CONTROLLER, NodeIds.HasCondition);
        assertEquals(1, conditions.size());
        assertEquals(TemperatureControllerServer.HIGH_TEMPERATURE_ALARM, conditions.get(0).getBrowseName().name());
        assertEquals(NodeIds.NonExclusiveDeviationAlarmType.expanded(), conditions.get(0).getTypeDefinition());
    }

    @Test
    void theAlarmIsRaisedClearedAndAcknowledgedAsConditionEvents() throws Exception {
        connect();
        BlockingQueue<Variant[]> events = subscribeEvents(CONTROLLER).events();

        server.forceTemperature(95.0); // setpoint 60 + 10 exceeded
        Variant[] raised = poll(events);
        assertEquals(NodeIds.NonExclusiveDeviationAlarmType, raised[EVENT_TYPE].value());
        assertEquals(CONTROLLER, raised[SOURCE_NODE].value());
        assertEquals(TemperatureControllerServer.HIGH_TEMPERATURE_ALARM, raised[CONDITION_NAME].value());
        assertEquals(Boolean.TRUE, raised[ACTIVE].value());
        assertEquals(Boolean.FALSE, raised[ACKED].value());
        assertEquals(Boolean.TRUE, raised[RETAIN].value());
        assertEquals(800, ((UShort) raised[SEVERITY].value()).intValue());
        assertTrue(((LocalizedText) raised[MESSAGE].value()).text().contains("95.0"), raised[MESSAGE].toString());
        assertNotNull(raised[TIME].value());
        assertTrue(server.isAlarmActive());
        assertEquals(Boolean.TRUE, read(TemperatureControllerServer.ALARM), "the Alarm variable still follows");

        server.forceTemperature(50.0);
        Variant[] cleared = poll(events);
        assertEquals(Boolean.FALSE, cleared[ACTIVE].value());
        assertEquals(Boolean.TRUE, cleared[RETAIN].value(), "cleared but not acknowledged: still retained");

        CallMethodResult reset = call(TemperatureControllerServer.RESET_ALARM);
        assertTrue(reset.getStatusCode().isGood(), reset.getStatusCode().toString());
        Variant[] acknowledged = poll(events);
        assertEquals(Boolean.TRUE, acknowledged[ACKED].value());
        assertEquals(Boolean.FALSE, acknowledged[RETAIN].value());
        assertTrue(server.isAlarmAcknowledged());
    }

    @Test
    void conditionRefreshResendsTheRetainedAlarmToTheRequestingSubscriptionOnly() throws Exception {
        connect();
        server.forceTemperature(95.0); // active before anyone subscribed: only a refresh tells
        EventSubscription refreshed = subscribeEvents(CONTROLLER);
        EventSubscription other = subscribeEvents(NodeIds.Server);

        CallMethodResult result = client.call(List.of(new CallMethodRequest(NodeIds.ConditionType,
                NodeIds.ConditionType_ConditionRefresh,
                new Variant[] {new Variant(refreshed.subscription().getSubscriptionId().orElseThrow())})))
                .getResults()[0];
        assertTrue(result.getStatusCode().isGood(), result.getStatusCode().toString());

        assertEquals(NodeIds.RefreshStartEventType, poll(refreshed.events())[EVENT_TYPE].value());
        Variant[] current = poll(refreshed.events());
        assertEquals(TemperatureControllerServer.HIGH_TEMPERATURE_ALARM, current[CONDITION_NAME].value());
        assertEquals(Boolean.TRUE, current[ACTIVE].value());
        assertEquals(NodeIds.RefreshEndEventType, poll(refreshed.events())[EVENT_TYPE].value());
        assertNull(other.events().poll(500, TimeUnit.MILLISECONDS), "another subscription is not refreshed");
    }

    @Test
    void setModeReturnsThePreviousModeAndRejectsUnknownModes() throws Exception {
        connect();
        Argument[] inputs = arguments(TemperatureControllerServer.SET_MODE, "InputArguments");
        assertEquals(1, inputs.length);
        assertEquals(NodeIds.String, inputs[0].getDataType());
        assertEquals(NodeIds.String, arguments(TemperatureControllerServer.SET_MODE, "OutputArguments")[0]
                .getDataType());

        CallMethodResult manual = call(TemperatureControllerServer.SET_MODE, new Variant("MANUAL"));
        assertTrue(manual.getStatusCode().isGood(), manual.getStatusCode().toString());
        assertArrayEquals(new Variant[] {new Variant("AUTO")}, manual.getOutputArguments());
        assertEquals("MANUAL", read(TemperatureControllerServer.MODE));
        assertEquals("MANUAL", server.mode());

        assertStatus(StatusCodes.Bad_InvalidArgument, call(TemperatureControllerServer.SET_MODE, new Variant("TURBO")));
        assertStatus(StatusCodes.Bad_InvalidArgument, call(TemperatureControllerServer.SET_MODE, new Variant(42)));
        assertStatus(StatusCodes.Bad_ArgumentsMissing, call(TemperatureControllerServer.SET_MODE));
        assertEquals("MANUAL", server.mode(), "rejected calls change nothing");
    }

    @Test
    void modeOffSwitchesTheHeaterOff() throws Exception {
        connect();
        assertEquals(Boolean.TRUE, read(TemperatureControllerServer.HEATER_ON), "heating from 20 toward 60");
        assertEquals("AUTO", server.setMode(TemperatureControllerServer.MODE_OFF));
        assertEquals(Boolean.FALSE, read(TemperatureControllerServer.HEATER_ON));
        assertEquals("OFF", read(TemperatureControllerServer.MODE));
    }

    @Test
    void modeAndAlarmSurviveARestart() throws Exception {
        server.setMode(TemperatureControllerServer.MODE_MANUAL);
        server.forceTemperature(95.0);
        server.close();
        server.start();
        connect();

        assertEquals("MANUAL", read(TemperatureControllerServer.MODE));
        assertTrue(server.isAlarmActive());
        EventSubscription events = subscribeEvents(CONTROLLER);
        client.call(List.of(new CallMethodRequest(NodeIds.ConditionType, NodeIds.ConditionType_ConditionRefresh,
                new Variant[] {new Variant(events.subscription().getSubscriptionId().orElseThrow())})));
        poll(events.events()); // RefreshStart
        assertEquals(Boolean.TRUE, poll(events.events())[ACTIVE].value());
    }

    // ---- helpers ----

    private record EventSubscription(OpcUaSubscription subscription, BlockingQueue<Variant[]> events) {
    }

    private EventSubscription subscribeEvents(NodeId notifier) throws UaException {
        BlockingQueue<Variant[]> events = new LinkedBlockingQueue<>();
        var subscription = new OpcUaSubscription(client, 50.0);
        subscription.create();
        OpcUaMonitoredItem item = OpcUaMonitoredItem.newEventItem(notifier, eventFilter());
        item.setQueueSize(uint(100));
        item.setEventValueListener((i, values) -> events.add(values));
        subscription.addMonitoredItem(item);
        subscription.synchronizeMonitoredItems();
        assertTrue(item.getCreateResult().orElseThrow().isGood(), item.getCreateResult().toString());
        return new EventSubscription(subscription, events);
    }

    private static EventFilter eventFilter() {
        return new EventFilterBuilder()
                .select(NodeIds.BaseEventType, new QualifiedName(0, "EventType"))
                .select(NodeIds.BaseEventType, new QualifiedName(0, "SourceNode"))
                .select(NodeIds.BaseEventType, new QualifiedName(0, "Message"))
                .select(NodeIds.BaseEventType, new QualifiedName(0, "Severity"))
                .select(NodeIds.ConditionType, new QualifiedName(0, "ConditionName"))
                .select(NodeIds.AlarmConditionType, new QualifiedName(0, "ActiveState"), new QualifiedName(0, "Id"))
                .select(NodeIds.AcknowledgeableConditionType, new QualifiedName(0, "AckedState"),
                        new QualifiedName(0, "Id"))
                .select(NodeIds.ConditionType, new QualifiedName(0, "Retain"))
                .select(NodeIds.BaseEventType, new QualifiedName(0, "Time"))
                .build();
    }

    private CallMethodResult call(String method, Variant... inputs) throws UaException {
        return client.call(List.of(new CallMethodRequest(CONTROLLER,
                NodeId.parse(TemperatureControllerServer.nodeId(method)), inputs))).getResults()[0];
    }

    private Argument[] arguments(String method, String property) throws UaException {
        NodeId propertyId = browse(NodeId.parse(TemperatureControllerServer.nodeId(method)), NodeIds.HasProperty)
                .stream().filter(r -> r.getBrowseName().name().equals(property)).findFirst().orElseThrow()
                .getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
        Object[] encoded = (Object[]) client.readValues(0.0, TimestampsToReturn.Neither, List.of(propertyId))
                .get(0).value().value();
        Argument[] decoded = new Argument[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            decoded[i] = (Argument) ((ExtensionObject) encoded[i]).decode(client.getStaticEncodingContext());
        }
        return decoded;
    }

    private List<ReferenceDescription> browse(NodeId node, NodeId referenceType) throws UaException {
        var description = new BrowseDescription(node, BrowseDirection.Forward, referenceType, false,
                uint(
                        NodeClass.Object.getValue() | NodeClass.Variable.getValue()),
                uint(
                        BrowseResultMask.All.getValue()));
        ReferenceDescription[] references = client.browse(description).getReferences();
        return references == null ? List.of() : List.of(references);
    }

    private Object read(String variable) throws UaException {
        return client.readValues(0.0, TimestampsToReturn.Neither,
                List.of(NodeId.parse(TemperatureControllerServer.nodeId(variable)))).get(0).value().value();
    }

    private static void assertStatus(long expected, CallMethodResult result) {
        assertEquals(new StatusCode(expected), result.getStatusCode());
        assertFalse(result.getStatusCode().isGood());
    }

    private static Variant[] poll(BlockingQueue<Variant[]> events) throws InterruptedException {
        Variant[] event = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, "no event within 5 s");
        return event;
    }

    private void connect() throws UaException {
        client = OpcUaClient.create(server.endpointUrl());
        client.connect();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
