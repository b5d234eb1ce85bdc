package org.openfactory.registry.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openfactory.registry.asset.AssetFixtures.MODBUS;
import static org.openfactory.registry.asset.AssetFixtures.MQTT;
import static org.openfactory.registry.asset.AssetFixtures.MTCONNECT;
import static org.openfactory.registry.asset.AssetFixtures.OPCUA;
import static org.openfactory.registry.asset.AssetFixtures.definition;
import static org.openfactory.registry.asset.AssetFixtures.lineOf;
import static org.openfactory.registry.asset.AssetFixtures.replace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.asset.AssetProblem;
import org.openfactory.registry.asset.AssetValidationException;
import org.openfactory.registry.asset.LocatedAsset;
import org.openfactory.registry.event.AssetRegistered;
import org.openfactory.registry.event.AssetRetired;
import org.openfactory.registry.event.AssetUpdated;
import org.openfactory.registry.event.RegistryEvent;
import org.openfactory.registry.view.RegistryView;

class RegistryPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFirstPlanRegistersEveryAsset() {
        RegistryPlan plan = RegistryPlanner.plan(RegistryView.empty(),
                List.of(definition(OPCUA), definition(MODBUS), definition(MQTT)), false);
        assertEquals(List.of(new AssetRegistered(definition(MQTT)), new AssetRegistered(definition(MODBUS)),
                new AssetRegistered(definition(OPCUA))), plan.events());
        assertEquals("""
                + register env-2 (acme/plant1/utilities/line1/cell1/env-2)
                + register press-7 (acme/plant1/forming/line2/cell3/press-7)
                + register tc-1 (acme/plant1/area1/line1/cell1/tc-1)
                = 0 unchanged""", plan.describe());
    }

    @Test
    void theSameFilesTwicePlanNothingTheSecondTime() throws IOException {
        write("tc-1.yaml", OPCUA);
        write("press-7.yaml", MODBUS);
        write("vmc-3.yaml", MTCONNECT);
        RegistryView view = apply(RegistryView.empty(),
                RegistryPlanner.plan(RegistryView.empty(), AssetFileLoader.loadFolder(dir), true));

        RegistryPlan again = RegistryPlanner.plan(view, AssetFileLoader.loadFolder(dir), true);
        assertTrue(again.isEmpty());
        assertEquals(List.of(), again.events());
        assertEquals(List.of("press-7", "tc-1", "vmc-3"), again.unchanged());
        assertEquals("= 3 unchanged", again.describe());
    }

    @Test
    void onlyTheDifferencesArePlannedNamingTheChangedFields() {
        RegistryView view = registered(OPCUA, MODBUS);
        AssetDefinition changed = definition(replace(replace(OPCUA,
                "endpoint: opc.tcp://127.0.0.1:4840/openfactory", "endpoint: opc.tcp://10.0.0.9:4840/openfactory"),
                "limits: { min: -50, max: 300 }", "limits: { min: -40, max: 300 }"));

        RegistryPlan plan = RegistryPlanner.plan(view, List.of(changed, definition(MODBUS)), false);

        assertEquals(List.of(new AssetUpdated(changed, List.of("connector.endpoint", "dataItems[temperature].limits"))),
                plan.events());
        assertEquals("""
                ~ update tc-1: connector.endpoint, dataItems[temperature].limits
                = 1 unchanged""", plan.describe());
        assertTrue(RegistryPlanner.plan(apply(view, plan), List.of(changed, definition(MODBUS)), false).isEmpty());
    }

    @Test
    void changedFieldsAreNamedByDataItemId() {
        AssetDefinition before = definition(OPCUA);
        assertEquals(List.of("description", "dataItems[temperature].units", "dataItems[mode].opcua.browsePath",
                        "dataItems[start]", "dataItems[extra]"),
                AssetDiff.changedFields(before, definition(replace(replace(replace(replace(replace(OPCUA,
                        "description: Virtual temperature controller", "description: Real one"),
                        "units: CELSIUS", "units: KELVIN"),
                        "2:Mode", "2:OperatingMode"),
                        "  - id: start\n    category: METHOD\n    valueType: BOOLEAN\n    opcua: { objectId: "
                                + "\"ns=2;s=TemperatureController\", methodId: \"ns=2;s=TemperatureController/Start\" }\n",
                        ""),
                        "  - id: overheat", "  - id: extra\n    category: EVENT\n    valueType: STRING\n"
                                + "    opcua: { nodeId: \"ns=2;s=X\" }\n  - id: overheat"))));
        AssetDefinition reordered = new AssetDefinition(before.id(), before.unsPath(), before.type(),
                before.description(), before.connector(), List.of(before.dataItems().get(1),
                before.dataItems().get(0), before.dataItems().get(2), before.dataItems().get(3)));
        assertEquals(List.of("dataItems"), AssetDiff.changedFields(before, reordered));
        assertEquals(List.of(), AssetDiff.changedFields(before, definition(OPCUA)));
    }

    @Test
    void withoutPruneAssetsMissingFromTheFilesAreKept() {
        RegistryView view = registered(OPCUA, MODBUS, MQTT);
        RegistryPlan plan = RegistryPlanner.plan(view, List.of(definition(OPCUA)), false);
        assertTrue(plan.isEmpty());
        assertEquals(List.of("env-2", "press-7"), plan.kept());
        assertEquals("""
                ? keep env-2: registered but not in the asset files (prune to retire it)
                ? keep press-7: registered but not in the asset files (prune to retire it)
                = 1 unchanged""", plan.describe());
    }

    @Test
    void withPruneTheyAreRetired() {
        RegistryView view = registered(OPCUA, MODBUS, MQTT);
        RegistryPlan plan = RegistryPlanner.plan(view, List.of(definition(OPCUA), definition(MTCONNECT)), true);
        assertEquals(List.of(
                new AssetRegistered(definition(MTCONNECT)),
                new AssetRetired("env-2", "acme/plant1/utilities/line1/cell1/env-2", RegistryPlanner.PRUNE_REASON),
                new AssetRetired("press-7", "acme/plant1/forming/line2/cell3/press-7", RegistryPlanner.PRUNE_REASON)),
                plan.events());
        assertEquals(List.of(), plan.kept());
        assertEquals("""
                + register vmc-3 (acme/plant1/machining/line1/cell2/vmc-3)
                - retire env-2 (acme/plant1/utilities/line1/cell1/env-2)
                - retire press-7 (acme/plant1/forming/line2/cell3/press-7)
                = 1 unchanged""", plan.describe());
        RegistryView after = apply(view, plan);
        assertEquals(List.of("tc-1", "vmc-3"), after.all().stream().map(e -> e.id()).toList());
        assertTrue(RegistryPlanner.plan(after, List.of(definition(OPCUA), definition(MTCONNECT)), true).isEmpty());
    }

    @Test
    void aRetiredAssetIsRegisteredAgain() {
        RegistryView view = apply(registered(OPCUA), RegistryPlanner.plan(registered(OPCUA), List.of(), true));
        assertTrue(view.findActive("tc-1").isEmpty());
        RegistryPlan plan = RegistryPlanner.plan(view, List.of(definition(OPCUA)), false);
        assertEquals(List.of(new AssetRegistered(definition(OPCUA))), plan.events());
        assertEquals(List.of(), plan.kept(), "retired assets are neither kept nor retired again");
        assertEquals(2, apply(view, plan).findActive("tc-1").orElseThrow().revision());
    }

    @Test
    void aUnsPathHeldByARegisteredAssetThatStaysFailsThePlanPointingAtTheFile() throws IOException {
        // registered by an older tool under a path that does not end in its id
        AssetDefinition legacy = new AssetDefinition("legacy-1", "acme/plant1/area1/line1/cell1/tc-1", "Old",
                definition(OPCUA).connector(), definition(OPCUA).dataItems());
        RegistryView view = RegistryView.empty().apply(new AssetRegistered(legacy), T0);
        Path file = write("tc-1.yaml", OPCUA);
        List<LocatedAsset> desired = AssetFileLoader.withDefaults().readFolderLocated(dir);

        AssetValidationException e = assertThrows(AssetValidationException.class,
                () -> RegistryPlanner.planLocated(view, desired, false));
        AssetProblem problem = e.problems().get(0);
        assertEquals(file, problem.file());
        assertEquals(lineOf(OPCUA, "unsPath"), problem.line());
        assertEquals("unsPath", problem.fieldPath());
        assertTrue(problem.message().contains("is held by registered asset 'legacy-1', which stays registered"),
                problem.message());

        // pruning retires the old holder, which frees the path
        RegistryPlan pruned = RegistryPlanner.planLocated(view, desired, true);
        assertEquals(List.of("tc-1", "legacy-1"), pruned.changes().stream().map(PlannedChange::assetId).toList());
    }

    @Test
    void problemsAcrossTheSetAreReportedTogetherAndNothingIsPlanned() {
        AssetDefinition tc1 = definition(OPCUA);
        AssetDefinition tc1Again = definition(replace(OPCUA, "Virtual temperature controller", "copy"));
        AssetDefinition samePath = new AssetDefinition("tc-2", tc1.unsPath(), tc1.type(), tc1.connector(),
                tc1.dataItems());
        AssetValidationException e = assertThrows(AssetValidationException.class,
                () -> RegistryPlanner.plan(RegistryView.empty(), List.of(tc1, tc1Again, samePath), false));
        assertEquals(List.of("id", "unsPath"), e.problems().stream().map(AssetProblem::fieldPath).toList());
        assertTrue(e.getMessage().contains("asset 'tc-1': asset id 'tc-1' is already defined"), e.getMessage());
        assertTrue(e.getMessage().contains("asset 'tc-2': UNS path 'acme/plant1/area1/line1/cell1/tc-1' is already "
                + "claimed by asset 'tc-1'"), e.getMessage());
    }

    private static RegistryView registered(String... yamls) {
        RegistryView view = RegistryView.empty();
        for (String yaml : yamls) {
            view = view.apply(new AssetRegistered(definition(yaml)), T0);
        }
        return view;
    }

    private static RegistryView apply(RegistryView view, RegistryPlan plan) {
        Instant at = T0.plusSeconds(60);
        for (RegistryEvent event : plan.events()) {
            view = view.apply(event, at);
        }
        return view;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
