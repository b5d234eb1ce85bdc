package org.openfactory.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFileException;
import org.openfactory.registry.asset.AssetFileLoader;

class AssetFileLoaderTest {

    private static final String VALID = """
            id: tc-1
            unsPath: acme/plant1/area1/line1/cell1/tc-1
            type: TemperatureController
            connector:
              type: opcua
              endpoint: opc.tcp://127.0.0.1:4840/openfactory
            dataItems:
              - id: temperature
                category: SAMPLE
                valueType: DOUBLE
                units: CELSIUS
                writable: false
                source: { nodeId: "ns=2;s=TemperatureController/Temperature" }
            """;

    @TempDir
    Path dir;

    @Test
    void readsAValidFile() throws IOException {
        AssetDefinition asset = AssetFileLoader.load(write("tc-1.yaml", VALID));
        assertEquals("tc-1", asset.id());
        assertEquals("opcua", asset.connector().type());
        assertEquals(ValueType.DOUBLE, asset.dataItems().get(0).valueType());
        assertEquals(Category.SAMPLE, asset.dataItems().get(0).category());
        assertEquals("ns=2;s=TemperatureController/Temperature", asset.dataItems().get(0).source().get("nodeId"));
    }

    @Test
    void theShippedExampleAssetsLoad() {
        List<AssetDefinition> assets = AssetFileLoader.loadFolder(Path.of("..", "examples", "assets"));
        assertTrue(assets.stream().anyMatch(a -> a.id().equals("tc-1")));
    }

    @Test
    void anUnknownFieldIsRejectedNamingFileLineAndField() throws IOException {
        Path file = write("bad.yaml", VALID.replace("    units: CELSIUS", "    unit: CELSIUS"));
        AssetFileException e = assertThrows(AssetFileException.class, () -> AssetFileLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ":11:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown field 'unit'"), e.getMessage());
        assertTrue(e.getMessage().contains("dataItems[0].unit"), e.getMessage());
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        Path file = write("bad.yaml", VALID.replace("id: tc-1\n", ""));
        AssetFileException e = assertThrows(AssetFileException.class, () -> AssetFileLoader.load(file));
        assertTrue(e.getMessage().contains("missing required field 'id'"), e.getMessage());
    }

    @Test
    void aWrongEnumValueIsNamed() throws IOException {
        Path file = write("bad.yaml", VALID.replace("valueType: DOUBLE", "valueType: REAL"));
        AssetFileException e = assertThrows(AssetFileException.class, () -> AssetFileLoader.load(file));
        assertTrue(e.getMessage().contains("dataItems[0].valueType"), e.getMessage());
        assertTrue(e.getMessage().contains("REAL"), e.getMessage());
    }

    @Test
    void malformedYamlIsReportedWithItsLine() throws IOException {
        Path file = write("bad.yaml", "id: tc-1\nunsPath: \"unterminated\n");
        AssetFileException e = assertThrows(AssetFileException.class, () -> AssetFileLoader.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
    }

    @Test
    void duplicateIdsAcrossFilesAreRejected() throws IOException {
        write("a.yaml", VALID);
        Path second = write("b.yaml", VALID);
        AssetFileException e = assertThrows(AssetFileException.class, () -> AssetFileLoader.loadFolder(dir));
        assertEquals(second, e.file());
        assertTrue(e.getMessage().contains("already defined in " + dir.resolve("a.yaml")), e.getMessage());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
