package org.openfactory.registry.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schema and the loader agree: what the loader accepts the schema accepts, and what the loader
 * rejects the schema rejects too, except for the rules JSON Schema cannot express (listed here by name).
 */
class AssetSchemaTest {

    static final String SCHEMA = "/org/openfactory/registry/asset-v1.schema.json";

    /** Loader rules beyond JSON Schema: counting UNS levels against a configurable template, comparing fields. */
    private static final Set<String> BEYOND_SCHEMA = Set.of(
            "limits upside down",
            "a Modbus register beyond the last address",
            "a data item id used twice",
            "UNS: a level missing",
            "UNS: two levels missing",
            "UNS: last segment is not the asset id",
            "UNS: too many levels",
            "a duplicate key");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = AssetSchemaTest.class.getResourceAsStream(SCHEMA)) {
            JsonNode node = new ObjectMapper().readTree(in);
            assertEquals("https://json-schema.org/draft/2020-12/schema", node.get("$schema").asText());
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        }
    }

    @Test
    void everyExampleAssetFileIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("..", "examples", "assets"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            assertEquals(Set.of(), schema.validate(YAML.readTree(file.toFile())), file.toString());
        }
    }

    @Test
    void everyConnectorTypeIsValidInItsFileAndCanonicalForm() throws IOException {
        for (String yaml : AssetFixtures.ALL) {
            assertEquals(Set.of(), schema.validate(YAML.readTree(yaml)), yaml);
            AssetDefinition asset = AssetFileLoader.withDefaults().readText(Path.of("fixture.yaml"), yaml);
            assertEquals(Set.of(), schema.validate(AssetJson.toTree(asset)), AssetJson.toJson(asset));
        }
    }

    static Stream<AssetFileLoaderTest.Case> badInputs() {
        return AssetFileLoaderTest.badInputs().filter(c -> !BEYOND_SCHEMA.contains(c.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void whatTheLoaderRejectsTheSchemaRejects(AssetFileLoaderTest.Case c) throws IOException {
        Set<ValidationMessage> errors = schema.validate(YAML.readTree(c.yaml()));
        assertFalse(errors.isEmpty(), "the schema accepts: " + c.name());
        // and for the same field: the loader's field, its parent object, or a sibling in that object
        List<String> locations = errors.stream()
                .map(m -> m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "")).toList();
        assertTrue(locations.stream().anyMatch(l -> sameSpot(c.field(), l)),
                "loader: " + c.field() + ", schema: " + errors);
    }

    private static boolean sameSpot(String loaderField, String schemaField) {
        return loaderField.equals(schemaField)
                || (!schemaField.isEmpty() && (loaderField.startsWith(schemaField + ".")
                        || loaderField.startsWith(schemaField + "[")))
                || parentOf(loaderField).equals(parentOf(schemaField));
    }

    private static String parentOf(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? "" : field.substring(0, dot);
    }

    @Test
    void theRulesBeyondTheSchemaAreStillRealLoaderRules() {
        // if a case named in BEYOND_SCHEMA disappears or is renamed, this list must shrink with it
        Set<String> names = Set.copyOf(AssetFileLoaderTest.badInputs().map(AssetFileLoaderTest.Case::name).toList());
        assertTrue(names.containsAll(BEYOND_SCHEMA), "unknown names in BEYOND_SCHEMA");
    }

    @Test
    void aFewHandWrittenDocumentsAreRejected() throws IOException {
        String opcuaWithModbusItem = AssetFixtures.replace(AssetFixtures.OPCUA,
                "opcua: { browsePath: \"/Objects/2:TemperatureController/2:Mode\" }",
                "opcua: { browsePath: \"/Objects/2:TemperatureController/2:Mode\" }\n"
                        + "    modbus: { table: COIL, address: 1, dataType: BOOL }");
        String coilAsRegister = AssetFixtures.replace(AssetFixtures.MODBUS, "dataType: INT16", "dataType: BOOL");
        String mtconnectWithEndpoint = AssetFixtures.replace(AssetFixtures.MTCONNECT, "  device: VMC-3Axis",
                "  device: VMC-3Axis\n  endpoint: opc.tcp://x:4840");
        for (String yaml : List.of(opcuaWithModbusItem, coilAsRegister, mtconnectWithEndpoint, "{}", "[]")) {
            assertFalse(schema.validate(YAML.readTree(yaml)).isEmpty(), yaml);
        }
    }
}
