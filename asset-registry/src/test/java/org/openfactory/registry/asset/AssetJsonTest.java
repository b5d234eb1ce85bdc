package org.openfactory.registry.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

class AssetJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyConnectorTypeSurvivesTheRoundTrip() throws Exception {
        for (String yaml : AssetFixtures.ALL) {
            AssetDefinition asset = AssetFileLoader.withDefaults().readText(Path.of("fixture.yaml"), yaml);
            String json = AssetJson.toJson(asset);
            assertEquals(asset, AssetJson.fromTree(JSON.readTree(json)), json);
            assertEquals(json, AssetJson.toJson(AssetJson.fromTree(JSON.readTree(json))), "canonical form is stable");
        }
    }

    @Test
    void theCanonicalFormWritesDefaultsAndAFixedFieldOrder() throws Exception {
        AssetDefinition modbus = AssetFileLoader.withDefaults().readText(Path.of("press-7.yaml"), AssetFixtures.MODBUS);
        assertEquals("{\"apiVersion\":\"openfactory/v1\",\"kind\":\"Asset\",\"id\":\"press-7\","
                + "\"unsPath\":\"acme/plant1/forming/line2/cell3/press-7\",\"type\":\"HydraulicPress\","
                + "\"connector\":{\"type\":\"modbus\",\"host\":\"10.0.0.7\",\"port\":5020,\"unitId\":1,\"pollIntervalMs\":250},"
                + "\"dataItems\":[{\"id\":\"pressure\",\"category\":\"SAMPLE\",\"valueType\":\"DOUBLE\",\"units\":\"BAR\","
                + "\"writable\":false,\"modbus\":{\"table\":\"INPUT_REGISTER\",\"address\":100,\"dataType\":\"FLOAT32\","
                + "\"byteOrder\":\"BIG_ENDIAN\",\"wordOrder\":\"LITTLE_ENDIAN\",\"scale\":1.0,\"offset\":0.0}},",
                AssetJson.toJson(modbus).substring(0, AssetJson.toJson(modbus).indexOf("{\"id\":\"setpoint\"")));
    }

    @Test
    void opcUaSecurityIsWrittenOutWithTheNameOfThePasswordVariableNeverAPassword() throws Exception {
        AssetDefinition secured = AssetFixtures.definition(AssetFixtures.OPCUA_SECURED);
        String json = AssetJson.toJson(secured);
        assertTrue(json.contains("\"connector\":{\"type\":\"opcua\",\"endpoint\":\"opc.tcp://127.0.0.1:4841/openfactory\","
                + "\"securityPolicy\":\"Basic256Sha256\",\"securityMode\":\"SignAndEncrypt\","
                + "\"auth\":{\"type\":\"username\",\"username\":\"operator\",\"passwordEnv\":\"TC2_PASSWORD\"}}"), json);
        assertFalse(json.toLowerCase().contains("\"password\""), json);

        String plain = AssetJson.toJson(AssetFixtures.definition(AssetFixtures.OPCUA));
        assertTrue(plain.contains("\"securityPolicy\":\"None\",\"securityMode\":\"None\",\"auth\":{\"type\":\"anonymous\"}"),
                plain);
    }

    @Test
    void aDefinitionWithoutTheSecurityFieldsReadsAsUnsecuredAnonymous() throws Exception {
        // events written before the fields existed
        ObjectNode tree = AssetJson.toTree(AssetFixtures.definition(AssetFixtures.OPCUA));
        ObjectNode connector = tree.with("connector");
        connector.remove(java.util.List.of("securityPolicy", "securityMode", "auth"));
        assertEquals(new OpcUaConnection("opc.tcp://127.0.0.1:4840/openfactory"), AssetJson.fromTree(tree).connector());
    }

    @Test
    void readingToleratesFieldsAddedByANewerWriterButNotBrokenStructure() throws Exception {
        AssetDefinition asset = AssetFileLoader.withDefaults().readText(Path.of("tc-1.yaml"), AssetFixtures.OPCUA);
        ObjectNode tree = AssetJson.toTree(asset);
        tree.put("owner", "maintenance");
        assertEquals(asset, AssetJson.fromTree(tree));

        tree.with("connector").put("type", "profinet");
        AssetValidationException e = assertThrows(AssetValidationException.class, () -> AssetJson.fromTree(tree));
        assertTrue(e.getMessage().contains("field 'connector.type': 'profinet' is not one of"), e.getMessage());
    }
}
