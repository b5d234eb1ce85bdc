package org.openfactory.ingestion.northbound.mtconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Category;

class ProbeParserTest {

    private final ProbeParser parser = new ProbeParser();

    @Test
    void readsEachDeviceWithTheDataItemsOfAllItsComponents() throws Exception {
        ProbeDocument probe = parser.parse(Documents.read("probe.xml"));
        assertEquals("1714641300", probe.header().instanceId());
        assertEquals(131072L, probe.header().bufferSize());
        assertEquals(List.of("Agent", "VMC-3Axis"), probe.devices().stream().map(DeviceModel::name).toList());

        DeviceModel vmc = probe.device("VMC-3Axis").orElseThrow();
        assertEquals(vmc, probe.device("8b5c3a2e-1f4d-5e6a-9b7c-0d1e2f3a4b5c").orElseThrow(), "by uuid too");
        assertEquals(Set.of("avail", "Xact", "Sspeed", "mode", "system", "execution", "program", "partCount"),
                vmc.dataItems().keySet());
        assertEquals(new DataItemModel("Xact", "Xact", Category.SAMPLE, "POSITION", "ACTUAL", "MILLIMETER"),
                vmc.dataItem("Xact").orElseThrow());
        assertEquals(new DataItemModel("Sspeed", "Sspeed", Category.SAMPLE, "ROTARY_VELOCITY", "ACTUAL",
                "REVOLUTION/MINUTE"), vmc.dataItem("Sspeed").orElseThrow());
        assertEquals(new DataItemModel("system", "system", Category.CONDITION, "SYSTEM", null, null),
                vmc.dataItem("system").orElseThrow());
        assertEquals(new DataItemModel("partCount", "partCount", Category.EVENT, "PART_COUNT", null, null),
                vmc.dataItem("partCount").orElseThrow());

        DeviceModel agent = probe.device("Agent").orElseThrow();
        assertEquals(Set.of("agent_avail", "device_added"), agent.dataItems().keySet(), "its items stay its own");
        assertTrue(probe.device("NoSuchDevice").isEmpty());
    }

    @Test
    void anErrorDocumentIsTheAgentsAnswerNotAMalformedOne() {
        var error = assertThrows(AgentErrorException.class, () -> parser.parse(Documents.read("error-typed.xml")));
        assertTrue(error.errors().has("NO_DEVICE"), error.getMessage());
    }

    @Test
    void rejectsDtdsAndBrokenModels() {
        for (String document : List.of(
                "<!DOCTYPE MTConnectDevices [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><MTConnectDevices>&x;"
                        + "</MTConnectDevices>",
                "<MTConnectDevices><Header instanceId=\"1\"/><Devices><Device id=\"d\" name=\"D\"><DataItems>"
                        + "<DataItem id=\"x\" type=\"POSITION\" category=\"SOMETIMES\"/></DataItems></Device></Devices>"
                        + "</MTConnectDevices>",
                "<MTConnectDevices><Header instanceId=\"1\"/><Devices><Device id=\"d\"/></Devices></MTConnectDevices>",
                "<MTConnectDevices><Devices/></MTConnectDevices>",
                "<MTConnectStreams/>")) {
            assertThrows(MalformedDocumentException.class,
                    () -> parser.parse(document.getBytes(StandardCharsets.UTF_8)), document);
        }
    }
}
