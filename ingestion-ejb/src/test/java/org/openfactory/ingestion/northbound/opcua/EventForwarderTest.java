package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openfactory.ingestion.testsupport.CollectingSink;
import org.openfactory.ingestion.testsupport.LogCapture;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.OpcUaSource;

/** The forwarder on hand-made notifications: malformed events and refresh sequences a device may send. */
class EventForwarderTest {

    private static final URI SOURCE = URI.create("urn:openfactory:connector:opcua:tc-1");
    private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-01T10:00:05Z");
    private static final EventBinding BINDING = new EventBinding(new DataItemDefinition("overheat",
            Category.CONDITION, ValueType.CONDITION, null, false, OpcUaSource.node("ns=2;s=TemperatureController")),
            OpcUaEvents.SOURCE);

    private final CollectingSink sink = new CollectingSink(Duration.ofSeconds(5));
    private final LogCapture log = new LogCapture("org.openfactory.ingestion.northbound.opcua");
    private final AtomicInteger refreshRequests = new AtomicInteger();

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void anAlarmBecomesAConditionSampleAtTheEventTime() {
        forwarder(type -> CompletableFuture.completedFuture("unused")).onEventReceived(null,
                OpcUaEvents.alarm("HighTemperatureAlarm", T1, 800, true, false, true, "too hot"));

        SampleObserved sample = sink.await(s -> true);
        assertEquals("tc-1", sample.assetId());
        assertEquals("overheat", sample.dataItemId());
        assertEquals(Category.CONDITION, sample.category());
        assertEquals(new Value.Condition(ConditionLevel.FAULT, "HighTemperatureAlarm", "too hot"), sample.value());
        assertEquals(T1, sample.observedAt());
    }

    @Test
    void anUnmappableEventIsLoggedAndSkippedAndTheNextOneFlows() {
        EventForwarder forwarder = forwarder(type -> CompletableFuture.completedFuture("unused"));
        forwarder.onEventReceived(null, OpcUaEvents.fields(NodeIds.BaseEventType, T1, null, "A", true, false, true,
                "no severity"));
        forwarder.onEventReceived(null, OpcUaEvents.alarm("A", T2, 500, true, false, true, "fine"));

        assertEquals(new Value.Condition(ConditionLevel.WARNING, "A", "fine"), sink.await(s -> true).value());
        assertEquals(1, sink.all().size(), "the bad event published nothing");
        List<String> warnings = log.messages(Level.WARNING, "skipped an event");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("tc-1") && warnings.get(0).contains("overheat")
                && warnings.get(0).contains("the event has no Severity"), warnings.get(0));
    }

    @Test
    void plainEventsAreNamedByTheirTypeAndKeepTheirOrderWhileTheNameIsRead() {
        var typeName = new CompletableFuture<String>();
        EventForwarder forwarder = forwarder(type -> type.equals(NodeIds.SystemEventType) ? typeName
                : CompletableFuture.completedFuture("?"));
        forwarder.onEventReceived(null, OpcUaEvents.plain(NodeIds.SystemEventType, T1, 900, "first"));
        forwarder.onEventReceived(null, OpcUaEvents.alarm("A", T2, 100, false, true, false, "second"));
        assertTrue(sink.all().isEmpty(), "the second waits for the first");

        typeName.complete("SystemEventType");
        assertEquals(new Value.Condition(ConditionLevel.FAULT, "SystemEventType", "first"),
                sink.await(s -> true).value());
        assertEquals(new Value.Condition(ConditionLevel.NORMAL, "A", "second"), sink.await(s -> true).value());
    }

    @Test
    void aRefreshWithoutRetainedConditionsMakesTheItemNormal() {
        EventForwarder forwarder = forwarder(type -> CompletableFuture.completedFuture("?"));
        forwarder.onEventReceived(null, OpcUaEvents.alarm("A", T1, 800, true, false, true, "hot"));
        assertEquals(ConditionLevel.FAULT, level(sink.await(s -> true)));

        // e.g. after a reconnect: the alarm cleared and was acknowledged while we were away
        forwarder.onEventReceived(null, OpcUaEvents.marker(NodeIds.RefreshStartEventType, T2));
        forwarder.onEventReceived(null, OpcUaEvents.marker(NodeIds.RefreshEndEventType, T2));
        SampleObserved normal = sink.await(s -> true);
        assertEquals(new Value.Condition(ConditionLevel.NORMAL, null, null), normal.value());
        assertEquals(T2, normal.observedAt());

        // a second empty refresh changes nothing
        forwarder.onEventReceived(null, OpcUaEvents.marker(NodeIds.RefreshStartEventType, T2));
        forwarder.onEventReceived(null, OpcUaEvents.marker(NodeIds.RefreshEndEventType, T2));
        assertEquals(2, sink.all().size());
    }

    @Test
    void aRefreshWithARetainedConditionPublishesItsStateOnly() {
        EventForwarder forwarder = forwarder(type -> CompletableFuture.completedFuture("?"));
        forwarder.onEventReceived(null, OpcUaEvents.marker(NodeIds.RefreshStartEventType, T1));
        forwarder.onEventReceived(null, OpcUaEvents.alarm("A", T1, 800, true, false, true, "hot"));
        forwarder.onEventReceived(null, OpcUaEvents.marker(NodeIds.RefreshEndEventType, T2));

        assertEquals(ConditionLevel.FAULT, level(sink.await(s -> true)));
        assertEquals(1, sink.all().size(), "no NORMAL after the refresh");
    }

    @Test
    void refreshRequiredAsksTheConnectorForARefresh() {
        forwarder(type -> CompletableFuture.completedFuture("?")).onEventReceived(null,
                OpcUaEvents.marker(NodeIds.RefreshRequiredEventType, T1));
        assertEquals(1, refreshRequests.get());
        assertTrue(sink.all().isEmpty());
    }

    private EventForwarder forwarder(java.util.function.Function<NodeId,
            java.util.concurrent.CompletionStage<String>> typeNames) {
        return new EventForwarder("tc-1", BINDING, SOURCE, sink, typeNames, refreshRequests::incrementAndGet);
    }

    private static ConditionLevel level(SampleObserved sample) {
        return ((Value.Condition) sample.value()).level();
    }
}
