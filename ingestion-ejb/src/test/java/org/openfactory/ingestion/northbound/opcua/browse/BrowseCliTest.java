package org.openfactory.ingestion.northbound.opcua.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.openfactory.registry.asset.OpcUaAuth;
import org.openfactory.registry.asset.OpcUaConnection;
import org.openfactory.registry.asset.OpcUaSource;
import org.openfactory.simulator.opcua.ServerSecurity;
import org.openfactory.simulator.opcua.TemperatureControllerServer;

/** The browse command against real servers; every draft must load through the asset file loader. */
@Timeout(60)
class BrowseCliTest {

    private static final String UNS = "acme/plant1/utilities/line1/cell1/";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void draftsTheTemperatureControllerWithItsTypesAndWritableFlagsAndTheDraftLoads() throws Exception {
        try (var device = new Device(new TemperatureControllerServer("127.0.0.1", freePort(), Duration.ofMillis(200),
                3L))) {
            Path file = dir.resolve("assets/tc-9.yaml");
            assertEquals(0, browse("--endpoint", device.server.endpointUrl(), "--asset-id", "tc-9", "--uns-path",
                    UNS + "tc-9", "--type", "TemperatureController", "--out", file.toString()), err());
            assertTrue(err().contains("drafted 8 data items of tc-9"), err());

            String yaml = Files.readString(file);
            assertTrue(yaml.startsWith("# Drafted by 'openfactory opcua browse' from " + device.server.endpointUrl()),
                    yaml);
            AssetDefinition draft = AssetFileLoader.load(file);
            assertEquals(new OpcUaConnection(device.server.endpointUrl()), draft.connector());
            assertEquals("TemperatureController", draft.type());
            Map<String, DataItemDefinition> items = byId(draft);
            assertEquals(List.of("temperature", "setpoint", "heaterOn", "mode", "alarm", "highTemperatureAlarm",
                    "setMode", "resetAlarm"), draft.dataItems().stream().map(DataItemDefinition::id).toList());
            DataItemDefinition alarm = items.get("highTemperatureAlarm");
            assertEquals(Category.CONDITION, alarm.category());
            assertEquals(OpcUaSource.node("ns=2;s=" + TemperatureControllerServer.FOLDER), alarm.source(),
                    "the alarm's events come from the controller, its notifier");
            assertEquals(Category.METHOD, items.get("setMode").category());
            assertItem(items.get("temperature"), Category.SAMPLE, ValueType.DOUBLE, false,
                    TemperatureControllerServer.nodeId(TemperatureControllerServer.TEMPERATURE));
            assertItem(items.get("setpoint"), Category.SAMPLE, ValueType.DOUBLE, true,
                    TemperatureControllerServer.nodeId(TemperatureControllerServer.SETPOINT));
            assertItem(items.get("heaterOn"), Category.EVENT, ValueType.BOOLEAN, false,
                    TemperatureControllerServer.nodeId(TemperatureControllerServer.HEATER_ON));
            assertItem(items.get("mode"), Category.EVENT, ValueType.STRING, false,
                    TemperatureControllerServer.nodeId(TemperatureControllerServer.MODE));
            assertItem(items.get("alarm"), Category.EVENT, ValueType.BOOLEAN, false,
                    TemperatureControllerServer.nodeId(TemperatureControllerServer.ALARM));
            assertFalse(yaml.contains("ns=0;") || yaml.contains("\"i="), "the server's own nodes are left out");
        }
    }

    @Test
    void browsesOverBasic256Sha256AsTheOperatorAndTheDraftNamesOnlyThePasswordVariable() throws Exception {
        var security = new ServerSecurity(dir.resolve("device-pki"), true, "op-secret", List.of(), true);
        try (var device = new Device(new TemperatureControllerServer("127.0.0.1", freePort(), Duration.ofMillis(200),
                3L, security))) {
            int code = BrowseCli.run(new String[] {"--endpoint", device.server.endpointUrl(), "--asset-id", "tc-9",
                    "--uns-path", UNS + "tc-9", "--security-policy", "Basic256Sha256", "--username", "operator",
                    "--password-env", "TC9_PASSWORD", "--pki-dir", dir.resolve("pki").toString(),
                    "--trust-all-servers"}, print(out), print(err),
                    name -> name.equals("TC9_PASSWORD") ? Optional.of("op-secret") : Optional.empty());
            assertEquals(0, code, err());
            String yaml = out.toString(StandardCharsets.UTF_8);
            assertFalse(yaml.contains("op-secret"), yaml);
            AssetDefinition draft = AssetFileLoader.withDefaults().readText(Path.of("stdout.yaml"), yaml);
            assertEquals(new OpcUaConnection(device.server.endpointUrl(), OpcUaConnection.SecurityPolicy.BASIC256SHA256,
                    OpcUaConnection.SecurityMode.SIGN_AND_ENCRYPT, new OpcUaAuth.UserPassword("operator",
                    "TC9_PASSWORD")), draft.connector());
            assertEquals(8, draft.dataItems().size());
        }
    }

    @Test
    void mapsUnitsRangesIntegersTextMethodsAndDuplicatesAndListsWhatItLeftOut() throws Exception {
        try (var press = new PressServer(freePort())) {
            press.start();
            Path file = dir.resolve("press-1.yaml");
            assertEquals(0, browse("--endpoint", press.endpointUrl(), "--asset-id", "press-1", "--uns-path",
                    "acme/plant1/forming/line2/cell3/press-1", "--depth", "3", "--out", file.toString()), err());
            String yaml = Files.readString(file);
            AssetDefinition draft = AssetFileLoader.load(file);
            Map<String, DataItemDefinition> items = byId(draft);
            assertEquals(List.of("pressure", "targetPressure", "cycles", "recipe", "n1stStage", "pressure_2",
                    "reset"), draft.dataItems().stream().map(DataItemDefinition::id).toList(), yaml);

            DataItemDefinition pressure = items.get("pressure");
            assertItem(pressure, Category.SAMPLE, ValueType.DOUBLE, false, "ns=2;s=Press/Pressure");
            assertEquals("bar", pressure.units());
            assertEquals(new Limits(0.0, 250.0), pressure.limits());
            assertItem(items.get("targetPressure"), Category.SAMPLE, ValueType.DOUBLE, true,
                    "ns=2;s=Press/TargetPressure");
            assertNull(items.get("targetPressure").units());
            assertItem(items.get("cycles"), Category.SAMPLE, ValueType.INTEGER, false, "ns=2;s=Press/Cycles");
            assertItem(items.get("recipe"), Category.EVENT, ValueType.STRING, true, "ns=2;s=Press/Recipe");
            assertItem(items.get("n1stStage"), Category.EVENT, ValueType.BOOLEAN, false, "ns=2;s=Press/1st-Stage");
            assertItem(items.get("pressure_2"), Category.SAMPLE, ValueType.DOUBLE, false,
                    "ns=2;s=Press/Head/Pressure");
            DataItemDefinition reset = items.get("reset");
            assertEquals(Category.METHOD, reset.category());
            assertEquals(ValueType.BOOLEAN, reset.valueType());
            assertEquals(OpcUaSource.method("ns=2;s=Press", "ns=2;s=Press/Reset"), reset.source());

            assertTrue(yaml.contains("#   ns=2;s=Press/LastService (LastService): DataType DateTime has no data item "
                    + "value type"), yaml);
            assertTrue(yaml.contains("#   ns=2;s=Press/Profile (Profile): it holds an array"), yaml);
            assertFalse(yaml.contains("Hidden"), "deeper than --depth 3");
        }
    }

    @Test
    void wrongUsageExitsWith2AndSaysWhy() {
        assertEquals(2, browse("--endpoint", "opc.tcp://127.0.0.1:4840", "--uns-path", UNS + "x"));
        assertTrue(err().contains("--asset-id is required") && err().contains("usage:"), err());
        err.reset();
        assertEquals(2, browse("--endpoint", "opc.tcp://127.0.0.1:4840", "--asset-id", "x", "--uns-path",
                UNS + "x", "--username", "operator"));
        assertTrue(err().contains("--username and --password-env go together"), err());
        err.reset();
        assertEquals(2, browse("--endpoint", "opc.tcp://127.0.0.1:4840", "--asset-id", "x", "--uns-path",
                UNS + "x", "--security-policy", "Basic128"));
        assertTrue(err().contains("--security-policy must be one of [None, Basic256Sha256]"), err());
    }

    @Test
    void anUnreachableServerExitsWith1AndSaysWhy() throws IOException {
        String endpoint = "opc.tcp://127.0.0.1:" + freePort() + "/none";
        assertEquals(1, browse("--endpoint", endpoint, "--asset-id", "x", "--uns-path", UNS + "x"));
        assertTrue(err().contains("cannot browse " + endpoint) && err().contains("Connection refused"), err());
    }

    // ---- fixtures ----

    private int browse(String... args) {
        return BrowseCli.run(args, print(out), print(err), name -> Optional.empty());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static Map<String, DataItemDefinition> byId(AssetDefinition asset) {
        var map = new java.util.LinkedHashMap<String, DataItemDefinition>();
        asset.dataItems().forEach(i -> map.put(i.id(), i));
        return map;
    }

    private static void assertItem(DataItemDefinition item, Category category, ValueType type, boolean writable,
                                   String nodeId) {
        assertEquals(category, item.category(), item.id());
        assertEquals(type, item.valueType(), item.id());
        assertEquals(writable, item.writable(), item.id());
        assertEquals(OpcUaSource.node(nodeId), item.source(), item.id());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the device and closes it with the try block. */
    private static final class Device implements AutoCloseable {
        final TemperatureControllerServer server;

        Device(TemperatureControllerServer server) {
            this.server = server;
            server.start();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
