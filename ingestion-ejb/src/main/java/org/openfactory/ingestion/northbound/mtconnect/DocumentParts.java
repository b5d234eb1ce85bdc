package org.openfactory.ingestion.northbound.mtconnect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The parts every agent document shares: the Header, and the body of an MTConnectError. */
final class DocumentParts {

    static final String ERROR_ROOT = "MTConnectError";

    private DocumentParts() {
    }

    /** Reads the attributes of the Header element the reader is on. */
    static AgentHeader header(XMLStreamReader reader) throws MalformedDocumentException {
        String instanceId = SecureXml.attribute(reader, "instanceId");
        if (instanceId == null) {
            throw new MalformedDocumentException("Header without instanceId");
        }
        return new AgentHeader(instanceId, number(reader, "bufferSize"), number(reader, "firstSequence"),
                number(reader, "lastSequence"), number(reader, "nextSequence"));
    }

    /**
     * Reads an MTConnectError document from its root on. Takes {@code <Error errorCode="...">message</Error>} and the
     * typed errors of newer schemas ({@code <OutOfRange>...}, code derived from the element name).
     */
    static AgentResponse.Errors errors(XMLStreamReader reader) throws XMLStreamException, MalformedDocumentException {
        AgentHeader header = null;
        List<AgentResponse.AgentError> errors = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        open.push(ERROR_ROOT);
        while (!open.isEmpty()) {
            int event = SecureXml.next(reader);
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                if ("Header".equals(name)) {
                    header = header(reader);
                    open.push(name);
                } else if (reader.getAttributeValue(null, "errorCode") != null || "Errors".equals(open.peek())) {
                    String code = SecureXml.attribute(reader, "errorCode");
                    errors.add(new AgentResponse.AgentError(code != null ? code : codeOf(name),
                            SecureXml.elementText(reader))); // read up to its end tag
                } else {
                    open.push(name);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                open.pop();
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedDocumentException("document ends inside MTConnectError");
            }
        }
        if (header == null) {
            throw new MalformedDocumentException("MTConnectError without Header");
        }
        return new AgentResponse.Errors(header, errors);
    }

    /** OutOfRange -> OUT_OF_RANGE. */
    static String codeOf(String element) {
        return element.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    static Long number(XMLStreamReader reader, String attribute) throws MalformedDocumentException {
        String text = SecureXml.attribute(reader, attribute);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new MalformedDocumentException(attribute + " is not a number: '" + text + "'");
        }
    }
}
