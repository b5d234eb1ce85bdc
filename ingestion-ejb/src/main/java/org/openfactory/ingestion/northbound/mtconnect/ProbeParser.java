package org.openfactory.ingestion.northbound.mtconnect;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.openfactory.model.value.Category;

/**
 * Reads an MTConnectDevices document (the answer to {@code /probe}) with StAX: each Device (and Agent) under
 * Devices with every DataItem of its components. Not thread-safe: one per connector.
 */
final class ProbeParser {

    private final SecureXml xml = new SecureXml();

    ProbeDocument parse(byte[] document) throws MalformedDocumentException, AgentErrorException {
        return parse(new ByteArrayInputStream(document));
    }

    /**
     * @throws AgentErrorException the agent answered with an MTConnectError document
     */
    ProbeDocument parse(InputStream document) throws MalformedDocumentException, AgentErrorException {
        XMLStreamReader reader = xml.open(document);
        try {
            String root = SecureXml.root(reader);
            if (DocumentParts.ERROR_ROOT.equals(root)) {
                throw new AgentErrorException("probe", DocumentParts.errors(reader));
            }
            if (!"MTConnectDevices".equals(root)) {
                throw new MalformedDocumentException("expected MTConnectDevices, got " + root);
            }
            return devices(reader);
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedDocumentException("unreadable MTConnectDevices document", e);
        } finally {
            SecureXml.close(reader);
        }
    }

    private static ProbeDocument devices(XMLStreamReader reader)
            throws XMLStreamException, MalformedDocumentException {
        AgentHeader header = null;
        List<DeviceModel> devices = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        open.push("MTConnectDevices");
        String[] device = null; // id, name, uuid of the device being read
        int deviceDepth = -1;
        Map<String, DataItemModel> items = new LinkedHashMap<>();
        while (!open.isEmpty()) {
            int event = SecureXml.next(reader);
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                if (open.size() == 1 && "Header".equals(name)) {
                    header = DocumentParts.header(reader);
                } else if ("Devices".equals(open.peek()) && ("Device".equals(name) || "Agent".equals(name))) {
                    device = new String[] {SecureXml.attribute(reader, "id"), SecureXml.attribute(reader, "name"),
                            SecureXml.attribute(reader, "uuid")};
                    deviceDepth = open.size() + 1;
                    items = new LinkedHashMap<>();
                } else if (device != null && "DataItem".equals(name)) {
                    DataItemModel item = dataItem(reader);
                    items.put(item.id(), item);
                }
                open.push(name);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (open.size() == deviceDepth && device != null) {
                    if (device[1] == null) {
                        throw new MalformedDocumentException("device " + device[0] + " without name");
                    }
                    devices.add(new DeviceModel(device[0], device[1], device[2], items));
                    device = null;
                    deviceDepth = -1;
                }
                open.pop();
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedDocumentException("document ends inside MTConnectDevices");
            }
        }
        if (header == null) {
            throw new MalformedDocumentException("MTConnectDevices without Header");
        }
        return new ProbeDocument(header, devices);
    }

    private static DataItemModel dataItem(XMLStreamReader reader) throws MalformedDocumentException {
        String id = SecureXml.attribute(reader, "id");
        String category = SecureXml.attribute(reader, "category");
        String type = SecureXml.attribute(reader, "type");
        if (id == null || category == null || type == null) {
            throw new MalformedDocumentException("DataItem without id, category or type (id " + id + ")");
        }
        Category parsed;
        try {
            parsed = Category.valueOf(category);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || parsed == Category.METHOD) {
            throw new MalformedDocumentException("DataItem " + id + " has category '" + category
                    + "', expected SAMPLE, EVENT or CONDITION");
        }
        return new DataItemModel(id, SecureXml.attribute(reader, "name"), parsed, type,
                SecureXml.attribute(reader, "subType"), SecureXml.attribute(reader, "units"));
    }
}
