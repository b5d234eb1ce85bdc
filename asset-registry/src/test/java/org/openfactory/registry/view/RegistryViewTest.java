package org.openfactory.registry.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFixtures;
import org.openfactory.registry.asset.AssetIdentity;
import org.openfactory.registry.asset.OpcUaConnection;
import org.openfactory.registry.event.AssetRegistered;
import org.openfactory.registry.event.AssetRetired;
import org.openfactory.registry.event.AssetUpdated;
import org.openfactory.registry.event.RegistryEvent;
import org.openfactory.registry.event.RegistryEventCodec;

class RegistryViewTest {

    private static final URI SOURCE = URI.create("/openfactory/registry-cli");
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static final AssetDefinition TC1 = AssetFixtures.definition(AssetFixtures.OPCUA);
    private static final AssetDefinition PRESS = AssetFixtures.definition(AssetFixtures.MODBUS);
    private static final AssetDefinition VMC = AssetFixtures.definition(AssetFixtures.MTCONNECT);
    private static final AssetDefinition ENV = AssetFixtures.definition(AssetFixtures.MQTT);
    private static final AssetDefinition TC1_MOVED = new AssetDefinition(TC1.id(), TC1.unsPath(), TC1.type(),
            TC1.description(), new OpcUaConnection("opc.tcp://10.0.0.9:4840"), TC1.dataItems());

    @Test
    void aReplayFoldsTheEventsInLogOrder() {
        RegistryView view = RegistryView.replay(List.of(
                at(0, new AssetRegistered(TC1)),
                at(1, new AssetRegistered(PRESS)),
                at(2, new AssetUpdated(TC1_MOVED, List.of("connector.endpoint"))),
                at(3, new AssetRetired(PRESS.id(), PRESS.unsPath(), "scrapped")),
                at(4, new AssetRegistered(ENV))));

        assertEquals(List.of("env-2", "tc-1"), view.all().stream().map(RegistryEntry::id).toList());
        assertEquals(2, view.size());
        RegistryEntry tc1 = view.find("tc-1").orElseThrow();
        assertEquals(TC1_MOVED, tc1.definition());
        assertEquals(AssetIdentity.uuidOf("tc-1"), tc1.uuid());
        assertEquals(2, tc1.revision());
        assertEquals(T0, tc1.registeredAt());
        assertEquals(T0.plusSeconds(2), tc1.updatedAt());
        assertFalse(tc1.retired());

        RegistryEntry press = view.find("press-7").orElseThrow();
        assertTrue(press.retired());
        assertEquals(PRESS, press.definition());
        assertEquals(T0.plusSeconds(3), press.updatedAt());
        assertTrue(view.findActive("press-7").isEmpty());
        assertEquals(List.of("press-7"), view.retired().stream().map(RegistryEntry::id).toList());
        assertTrue(view.find("nope").isEmpty());
    }

    @Test
    void theViewReplaysFromTheEncodedLogAlike() {
        List<Envelope<RegistryEvent>> log = List.of(at(0, new AssetRegistered(TC1)), at(1, new AssetRegistered(VMC)),
                at(2, new AssetUpdated(TC1_MOVED, List.of("connector.endpoint"))));
        List<Envelope<RegistryEvent>> decoded = log.stream()
                .map(e -> RegistryEventCodec.decode(RegistryEventCodec.encode(e))).toList();
        assertEquals(RegistryView.replay(log), RegistryView.replay(decoded));
    }

    @Test
    void aReDeliveredEventChangesNothing() {
        Envelope<RegistryEvent> registered = at(0, new AssetRegistered(TC1));
        RegistryView once = RegistryView.empty().apply(registered);
        assertSame(once, once.apply(registered));
        assertEquals(1, once.find("tc-1").orElseThrow().revision());
        assertEquals(registered.id(), once.find("tc-1").orElseThrow().lastEventId());
    }

    @Test
    void applyingGivesANewViewAndLeavesTheOldOneAlone() {
        RegistryView before = RegistryView.empty().apply(new AssetRegistered(TC1), T0);
        RegistryView after = before.apply(new AssetRetired("tc-1", TC1.unsPath(), null), T0.plusSeconds(1));
        assertFalse(before.find("tc-1").orElseThrow().retired());
        assertTrue(after.find("tc-1").orElseThrow().retired());
    }

    @Test
    void anAssetCanBeRegisteredAgainAfterRetirement() {
        RegistryView view = RegistryView.replay(List.of(
                at(0, new AssetRegistered(TC1)),
                at(1, new AssetRetired("tc-1", TC1.unsPath(), "moved out")),
                at(2, new AssetRegistered(TC1_MOVED))));
        RegistryEntry tc1 = view.findActive("tc-1").orElseThrow();
        assertEquals(TC1_MOVED, tc1.definition());
        assertEquals(2, tc1.revision(), "revisions count on across retirements");
        assertEquals(T0.plusSeconds(2), tc1.registeredAt(), "the current registration");
        assertEquals(AssetIdentity.uuidOf("tc-1"), tc1.uuid(), "the identity survives");
    }

    @Test
    void aCompactedTopicStillRebuildsTheRegistry() {
        // compaction keeps the latest event per key: an update whose registration is gone, a lone retirement
        RegistryView view = RegistryView.replay(List.of(
                at(5, new AssetUpdated(TC1_MOVED, List.of("connector.endpoint"))),
                at(6, new AssetRetired("gone-1", "acme/plant1/area1/line1/cell1/gone-1", null))));
        assertEquals(List.of("tc-1"), view.all().stream().map(RegistryEntry::id).toList());
        assertEquals(TC1_MOVED, view.find("tc-1").orElseThrow().definition());
        assertEquals(T0.plusSeconds(5), view.find("tc-1").orElseThrow().registeredAt());
        assertTrue(view.find("gone-1").isEmpty());
    }

    @Test
    void queriesByUnsPrefixAndByType() {
        RegistryView view = RegistryView.replay(List.of(at(0, new AssetRegistered(TC1)),
                at(1, new AssetRegistered(PRESS)), at(2, new AssetRegistered(VMC)), at(3, new AssetRegistered(ENV))));
        assertEquals(List.of("env-2", "press-7", "tc-1", "vmc-3"), ids(view.byUnsPrefix("acme/plant1")));
        assertEquals(List.of("env-2", "press-7", "tc-1", "vmc-3"), ids(view.byUnsPrefix("")));
        assertEquals(List.of("vmc-3"), ids(view.byUnsPrefix("acme/plant1/machining/")));
        assertEquals(List.of("tc-1"), ids(view.byUnsPrefix("acme/plant1/area1/line1/cell1/tc-1")));
        assertEquals(List.of(), ids(view.byUnsPrefix("acme/plant")), "whole segments only");
        assertEquals(List.of("press-7"), ids(view.byType("HydraulicPress")));
        assertEquals(List.of(), ids(view.byType("Robot")));
        assertEquals("env-2", view.byUnsPath("acme/plant1/utilities/line1/cell1/env-2").orElseThrow().id());
    }

    @Test
    void theUnsTreeHasSortedLevelsAndAssetsAtTheLeaves() {
        RegistryView view = RegistryView.replay(List.of(at(0, new AssetRegistered(TC1)),
                at(1, new AssetRegistered(ENV)), at(2, new AssetRegistered(VMC)),
                at(3, new AssetRegistered(PRESS)), at(4, new AssetRetired(PRESS.id(), PRESS.unsPath(), null))));
        UnsNode root = view.unsTree();
        assertEquals("", root.path());
        assertEquals(List.of("acme"), names(root.children()));
        UnsNode plant = root.find("acme/plant1").orElseThrow();
        assertEquals(List.of("area1", "machining", "utilities"), names(plant.children()), "sorted; retired left out");
        UnsNode cell = root.find("acme/plant1/utilities/line1/cell1").orElseThrow();
        assertEquals("cell1", cell.name());
        assertEquals("acme/plant1/utilities/line1/cell1", cell.path());
        assertFalse(cell.isAsset());
        UnsNode env = cell.children().get(0);
        assertEquals(new UnsNode("env-2", "acme/plant1/utilities/line1/cell1/env-2", "env-2", List.of()), env);
        assertEquals(List.of("tc-1", "vmc-3", "env-2"), root.assetIds());
        assertTrue(root.find("acme/plant2").isEmpty());
    }

    private static List<String> ids(List<RegistryEntry> entries) {
        return entries.stream().map(RegistryEntry::id).toList();
    }

    private static List<String> names(List<UnsNode> nodes) {
        return nodes.stream().map(UnsNode::name).toList();
    }

    private static Envelope<RegistryEvent> at(int second, RegistryEvent event) {
        return RegistryEventCodec.envelope(SOURCE, event, T0.plusSeconds(second));
    }
}
