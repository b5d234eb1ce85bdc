package org.openfactory.ingestion.northbound.mtconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Category;

class StreamsParserTest {

    private final StreamsParser parser = new StreamsParser();

    @Test
    void readsTheHeaderAndEveryObservationOfACurrentDocument() throws Exception {
        var streams = assertInstanceOf(AgentResponse.Streams.class, parser.parse(Documents.read("current.xml")));
        assertEquals(new AgentHeader("1714641300", 131072L, 1L, 1041L, 1042L), streams.header());
        List<Observation> observations = streams.observations();
        assertEquals(List.of("avail", "Xact", "Sspeed", "mode", "system", "system", "execution", "program",
                "partCount"), observations.stream().map(Observation::dataItemId).toList());

        assertEquals(new Observation("Xact", Category.SAMPLE, "Position", "ACTUAL", 1040,
                "2024-05-02T09:19:59.875431Z", "125.012", null), observations.get(1));
        assertEquals("UNAVAILABLE", observations.get(2).value());
        assertEquals(new Observation("mode", Category.EVENT, "ControllerMode", null, 13,
                "2024-05-02T09:15:01.000012Z", "AUTOMATIC", null), observations.get(3));
        assertEquals(new Observation("system", Category.CONDITION, "Warning", null, 1041,
                "2024-05-02T09:19:59.990000Z", "Spindle load high", "W210"), observations.get(4));
        assertEquals("Coolant pressure < 2 bar", observations.get(5).value(), "entities of XML itself are decoded");
        assertEquals("Fault", observations.get(5).element());
        assertEquals("O1001", observations.get(7).value(), "CDATA");
    }

    @Test
    void aHeartbeatIsAStreamsDocumentWithoutObservations() throws Exception {
        var heartbeat = assertInstanceOf(AgentResponse.Streams.class, parser.parse(Documents.read("heartbeat.xml")));
        assertEquals(List.of(), heartbeat.observations());
        assertEquals(1042L, heartbeat.header().nextSequence());
    }

    @Test
    void readsErrorDocumentsOfBothSchemaGenerations() throws Exception {
        var outOfRange = assertInstanceOf(AgentResponse.Errors.class,
                parser.parse(Documents.read("error-out-of-range.xml")));
        assertEquals("1714641300", outOfRange.header().instanceId());
        assertNull(outOfRange.header().nextSequence());
        assertEquals(List.of(new AgentResponse.AgentError("OUT_OF_RANGE",
                "'from' must be greater than or equal to 2001.")), outOfRange.errors());

        var typed = assertInstanceOf(AgentResponse.Errors.class, parser.parse(Documents.read("error-typed.xml")));
        assertTrue(typed.has("OUT_OF_RANGE"), typed.describe());
        assertTrue(typed.errors().get(0).message().contains("'from' must be greater than 2000"), typed.describe());
        assertEquals("NO_DEVICE", typed.errors().get(1).code());
    }

    @Test
    void refusesDtdsSoNoEntityIsExpandedOrFetched() {
        var xxe = assertThrows(MalformedDocumentException.class, () -> parser.parse(Documents.read("xxe.xml")));
        assertTrue(xxe.getMessage().contains("DTD"), xxe.getMessage());
        var laughs = assertThrows(MalformedDocumentException.class,
                () -> parser.parse(Documents.read("billion-laughs.xml")));
        assertTrue(laughs.getMessage().contains("DTD"), laughs.getMessage());
    }

    @Test
    void rejectsDocumentsThatAreNotWellFormedOrLackTheirStructure() {
        for (String document : List.of(
                "<?xml version=\"1.0\"?><MTConnectStreams><Header instanceId=\"1\" <Streams>",
                "<MTConnectStreams><Header instanceId=\"1\" nextSequence=\"2\" firstSequence=\"1\" lastSequence=\"1\"/>"
                        + "<Streams>",
                "<MTConnectStreams><Streams/></MTConnectStreams>",
                "<MTConnectStreams><Header instanceId=\"1\"/><Streams/></MTConnectStreams>",
                "<MTConnectStreams><Header instanceId=\"1\" nextSequence=\"x\" firstSequence=\"1\" lastSequence=\"1\"/>"
                        + "</MTConnectStreams>",
                "<MTConnectStreams><Header instanceId=\"1\" nextSequence=\"2\" firstSequence=\"1\" lastSequence=\"1\"/>"
                        + "<Streams><DeviceStream><ComponentStream><Events><Program dataItemId=\"p\">O1</Program>"
                        + "</Events></ComponentStream></DeviceStream></Streams></MTConnectStreams>",
                "<MTConnectDevices/>",
                "",
                "not xml")) {
            assertThrows(MalformedDocumentException.class,
                    () -> parser.parse(document.getBytes(StandardCharsets.UTF_8)), document);
        }
    }

    @Test
    void valuesAreLeftAsTextSoOneOddValueDoesNotSpoilItsDocument() throws Exception {
        String document = "<MTConnectStreams><Header instanceId=\"1\" nextSequence=\"3\" firstSequence=\"1\" "
                + "lastSequence=\"2\"/><Streams><DeviceStream name=\"d\"><ComponentStream component=\"Linear\">"
                + "<Samples><Position dataItemId=\"Xact\" sequence=\"1\" timestamp=\"yesterday\"> not a number "
                + "</Position><Position dataItemId=\"Xact\" sequence=\"2\" timestamp=\"2024-05-02T09:15:01Z\">1.5"
                + "</Position></Samples></ComponentStream></DeviceStream></Streams></MTConnectStreams>";
        var streams = (AgentResponse.Streams) parser.parse(document.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, streams.observations().size());
        assertEquals("not a number", streams.observations().get(0).value());
        assertEquals("yesterday", streams.observations().get(0).timestamp());
        assertFalse(streams.observations().get(1).value().isEmpty());
    }
}
