package org.openfactory.ingestion.northbound.mtconnect;

import java.io.InputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX reading hardened against what a device could send: no DTDs, so no entity expansion (billion laughs) and no
 * external entities (XXE); a document that declares a DTD is rejected outright.
 */
final class SecureXml {

    private final XMLInputFactory factory;

    SecureXml() {
        // the JDK's own implementation, whatever else is on the class path; one per user, as it is not thread-safe
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    XMLStreamReader open(InputStream in) throws MalformedDocumentException {
        try {
            return factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new MalformedDocumentException("not XML", e);
        }
    }

    /** Moves to the next event, refusing a DTD. */
    static int next(XMLStreamReader reader) throws XMLStreamException, MalformedDocumentException {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new MalformedDocumentException("a DTD or entity reference is not accepted in MTConnect documents");
        }
        return event;
    }

    /** Moves to the root element and returns its local name. */
    static String root(XMLStreamReader reader) throws XMLStreamException, MalformedDocumentException {
        int event = reader.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedDocumentException("empty document");
            }
            event = next(reader);
        }
        return reader.getLocalName();
    }

    /** The text inside the current element, nested elements included; leaves the reader on its end tag. */
    static String elementText(XMLStreamReader reader) throws XMLStreamException, MalformedDocumentException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = next(reader);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedDocumentException("document ends inside an element");
            }
        }
        return text.toString().strip();
    }

    static String attribute(XMLStreamReader reader, String name) {
        String value = reader.getAttributeValue(null, name);
        return value == null || value.isBlank() ? null : value;
    }

    static void close(XMLStreamReader reader) {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // nothing held but the input, which the caller closes
        }
    }
}
