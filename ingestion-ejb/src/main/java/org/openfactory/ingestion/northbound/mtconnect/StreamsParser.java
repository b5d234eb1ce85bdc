package org.openfactory.ingestion.northbound.mtconnect;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.openfactory.model.value.Category;

/**
 * Reads MTConnectStreams documents (and the MTConnectError an agent may send instead) with StAX. The document's
 * structure must be right (Header with its sequence window, numbered observations); the observations' values are
 * left as text. Not thread-safe: one per connector.
 */
final class StreamsParser {

    private final SecureXml xml = new SecureXml();

    AgentResponse parse(byte[] document) throws MalformedDocumentException {
        return parse(new ByteArrayInputStream(document));
    }

    AgentResponse parse(InputStream document) throws MalformedDocumentException {
        XMLStreamReader reader = xml.open(document);
        try {
            String root = SecureXml.root(reader);
            if (DocumentParts.ERROR_ROOT.equals(root)) {
                return DocumentParts.errors(reader);
            }
            if (!"MTConnectStreams".equals(root)) {
                throw new MalformedDocumentException("expected MTConnectStreams or MTConnectError, got " + root);
            }
            return streams(reader);
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedDocumentException("unreadable MTConnectStreams document", e);
        } finally {
            SecureXml.close(reader);
        }
    }

    private static AgentResponse.Streams streams(XMLStreamReader reader)
            throws XMLStreamException, MalformedDocumentException {
        AgentHeader header = null;
        List<Observation> observations = new ArrayList<>();
        Category container = null;
        int containerDepth = -1;
        int depth = 1;
        while (depth > 0) {
            int event = SecureXml.next(reader);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = reader.getLocalName();
                if (depth == 2 && "Header".equals(name)) {
                    header = DocumentParts.header(reader);
                } else if (container != null && depth == containerDepth + 1) {
                    observations.add(observation(reader, container, name));
                    depth--; // the observation was read up to its end tag
                } else if (container == null && categoryOf(name) != null) {
                    container = categoryOf(name);
                    containerDepth = depth;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == containerDepth) {
                    container = null;
                    containerDepth = -1;
                }
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedDocumentException("document ends inside MTConnectStreams");
            }
        }
        if (header == null || !header.hasSequences()) {
            throw new MalformedDocumentException("MTConnectStreams without a Header giving firstSequence, "
                    + "lastSequence and nextSequence");
        }
        return new AgentResponse.Streams(header, observations);
    }

    private static Observation observation(XMLStreamReader reader, Category category, String element)
            throws XMLStreamException, MalformedDocumentException {
        String dataItemId = SecureXml.attribute(reader, "dataItemId");
        Long sequence = DocumentParts.number(reader, "sequence");
        if (dataItemId == null || sequence == null) {
            throw new MalformedDocumentException(element + " observation without dataItemId or sequence");
        }
        String timestamp = SecureXml.attribute(reader, "timestamp");
        String subType = SecureXml.attribute(reader, "subType");
        String nativeCode = SecureXml.attribute(reader, "nativeCode");
        return new Observation(dataItemId, category, element, subType, sequence, timestamp,
                SecureXml.elementText(reader), nativeCode);
    }

    private static Category categoryOf(String container) {
        switch (container) {
            case "Samples":
                return Category.SAMPLE;
            case "Events":
                return Category.EVENT;
            case "Condition":
                return Category.CONDITION;
            default:
                return null;
        }
    }
}
