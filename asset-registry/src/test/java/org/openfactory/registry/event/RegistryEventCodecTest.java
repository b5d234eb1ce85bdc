package org.openfactory.registry.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFixtures;
import org.openfactory.registry.asset.AssetJson;
import org.openfactory.registry.asset.OpcUaConnection;

class RegistryEventCodecTest {

    private static final URI SOURCE = URI.create("/openfactory/registry-cli");
    private static final Instant APPLIED = Instant.parse("2026-11-24T10:15:30.125Z");
    private static final Instant INGESTED = Instant.parse("2026-11-24T10:15:30.200Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AssetDefinition TC1 = AssetFixtures.definition(AssetFixtures.OPCUA);

    @Test
    void everyEventTypeSurvivesTheRoundTrip() {
        List<RegistryEvent> events = new java.util.ArrayList<>();
        AssetFixtures.ALL.forEach(yaml -> events.add(new AssetRegistered(AssetFixtures.definition(yaml))));
        events.add(new AssetUpdated(TC1, List.of("connector.endpoint", "dataItems[temperature].limits")));
        events.add(new AssetUpdated(TC1, List.of()));
        events.add(new AssetRetired("tc-9", "acme/plant1/area1/line1/cell1/tc-9", "removed from the asset files"));
        events.add(new AssetRetired("tc-9", "acme/plant1/area1/line1/cell1/tc-9", null));
        for (RegistryEvent event : events) {
            Envelope<RegistryEvent> sent = RegistryEventCodec.envelope(SOURCE, event, APPLIED, INGESTED);
            Envelope<RegistryEvent> received = RegistryEventCodec.decode(RegistryEventCodec.encode(sent));
            assertEquals(sent, received, "round trip of " + event);
        }
    }

    @Test
    void theEnvelopeIsStructuredCloudEventsJsonWithTheDefinitionAsData() throws Exception {
        AssetUpdated updated = new AssetUpdated(TC1, List.of("connector.endpoint", "dataItems[setpoint].limits"));
        byte[] bytes = RegistryEventCodec.encode(RegistryEventCodec.envelope(SOURCE, updated, APPLIED, INGESTED));
        JsonNode json = JSON.readTree(bytes);
        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("org.openfactory.asset.updated.v1", json.get("type").asText());
        assertEquals("tc-1", json.get("subject").asText());
        assertEquals("tc-1", json.get("partitionkey").asText());
        assertEquals(SOURCE.toString(), json.get("source").asText());
        assertEquals(APPLIED, Instant.parse(json.get("time").asText()));
        assertEquals(INGESTED.toString(), json.get("ingesttime").asText());
        assertEquals("application/json", json.get("datacontenttype").asText());
        assertEquals("connector.endpoint,dataItems[setpoint].limits", json.get("changedfields").asText());
        assertEquals(AssetJson.toTree(TC1), json.get("data"));
        assertEquals("opcua", json.get("data").get("connector").get("type").asText());

        JsonNode registered = JSON.readTree(RegistryEventCodec.encode(
                RegistryEventCodec.envelope(SOURCE, new AssetRegistered(TC1), APPLIED)));
        assertEquals("org.openfactory.asset.registered.v1", registered.get("type").asText());
        assertFalse(registered.has("changedfields"));
        assertEquals(APPLIED.toString(), registered.get("ingesttime").asText());

        JsonNode retired = JSON.readTree(RegistryEventCodec.encode(RegistryEventCodec.envelope(SOURCE,
                new AssetRetired("tc-1", TC1.unsPath(), "gone"), APPLIED)));
        assertEquals("org.openfactory.asset.retired.v1", retired.get("type").asText());
        assertEquals(JSON.readTree("{\"assetId\":\"tc-1\",\"unsPath\":\"" + TC1.unsPath() + "\",\"reason\":\"gone\"}"),
                retired.get("data"));
    }

    @Test
    void theIdDependsOnTypeAssetAndDefinitionOnly() {
        String id = RegistryEventCodec.idOf(new AssetRegistered(TC1));
        assertEquals(5, UUID.fromString(id).version());
        // the same definition applied again, by another tool, later: the same id
        assertEquals(id, RegistryEventCodec.envelope(URI.create("/other"), new AssetRegistered(
                AssetFixtures.definition(AssetFixtures.OPCUA)), APPLIED.plusSeconds(60)).id());
        // another definition, another type: another id
        AssetDefinition moved = new AssetDefinition(TC1.id(), TC1.unsPath(), TC1.type(), TC1.description(),
                new OpcUaConnection("opc.tcp://10.0.0.9:4840"), TC1.dataItems());
        assertNotEquals(id, RegistryEventCodec.idOf(new AssetRegistered(moved)));
        assertNotEquals(id, RegistryEventCodec.idOf(new AssetUpdated(TC1, List.of())));
        assertEquals(RegistryEventCodec.idOf(new AssetRetired("tc-1", "a/b", "x")),
                RegistryEventCodec.idOf(new AssetRetired("tc-1", "a/b", "x")));
        assertNotEquals(RegistryEventCodec.idOf(new AssetRetired("tc-1", "a/b", "x")),
                RegistryEventCodec.idOf(new AssetRetired("tc-2", "a/b", "x")));
    }

    @Test
    void malformedEventsAreRejectedNamingWhatIsWrong() throws Exception {
        byte[] good = RegistryEventCodec.encode(RegistryEventCodec.envelope(SOURCE, new AssetRegistered(TC1), APPLIED));

        assertThrows(MalformedEventException.class,
                () -> RegistryEventCodec.decode("not json".getBytes(StandardCharsets.UTF_8)));

        ObjectNode wrongType = (ObjectNode) JSON.readTree(good);
        wrongType.put("type", "org.openfactory.sample.v1");
        assertTrue(decodeFails(wrongType).contains("expected one of [org.openfactory.asset.registered.v1"));

        ObjectNode brokenData = (ObjectNode) JSON.readTree(good);
        ((ObjectNode) brokenData.get("data").get("connector")).put("type", "profinet");
        assertTrue(decodeFails(brokenData).contains("data.connector.type: 'profinet' is not one of"));

        ObjectNode noIngestTime = (ObjectNode) JSON.readTree(good);
        noIngestTime.remove("ingesttime");
        assertTrue(decodeFails(noIngestTime).contains("ingesttime"));

        ObjectNode otherSubject = (ObjectNode) JSON.readTree(good);
        otherSubject.put("subject", "tc-2");
        assertTrue(decodeFails(otherSubject).contains("subject 'tc-2' is not the asset id 'tc-1'"));

        ObjectNode retiredWithoutPath = (ObjectNode) JSON.readTree(RegistryEventCodec.encode(RegistryEventCodec
                .envelope(SOURCE, new AssetRetired("tc-1", "a/tc-1", null), APPLIED)));
        ((ObjectNode) retiredWithoutPath.get("data")).remove("unsPath");
        assertTrue(decodeFails(retiredWithoutPath).contains("data.unsPath is missing"));
    }

    private static String decodeFails(JsonNode event) throws Exception {
        byte[] bytes = JSON.writeValueAsBytes(event);
        return assertThrows(MalformedEventException.class, () -> RegistryEventCodec.decode(bytes)).getMessage();
    }
}
