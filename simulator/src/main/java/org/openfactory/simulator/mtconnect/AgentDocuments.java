package org.openfactory.simulator.mtconnect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.openfactory.simulator.mtconnect.DataItemSpec.ComponentSpec;
import org.openfactory.simulator.mtconnect.ObservationBuffer.Slice;

/** Writes the agent's responses as MTConnect 2.0 documents: MTConnectDevices, MTConnectStreams, MTConnectError. */
final class AgentDocuments {

    static final String VERSION = "2.0.0.12";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String SCHEMAS = "http://schemas.mtconnect.org/schemas/";

    private final String sender;
    private final long instanceId;
    private final int bufferSize;
    private final Instant deviceModelChangeTime;

    AgentDocuments(String sender, long instanceId, int bufferSize, Instant deviceModelChangeTime) {
        this.sender = sender;
        this.instanceId = instanceId;
        this.bufferSize = bufferSize;
        this.deviceModelChangeTime = deviceModelChangeTime;
    }

    long instanceId() {
        return instanceId;
    }

    /** The answer to {@code /probe}: the device model. */
    byte[] devices(ObservationBuffer.Window window) {
        return write("MTConnectDevices", xml -> {
            xml.writeStartElement("Header");
            commonHeader(xml);
            xml.writeAttribute("assetBufferSize", "1024");
            xml.writeAttribute("assetCount", "0");
            xml.writeAttribute("deviceModelChangeTime", time(deviceModelChangeTime));
            xml.writeEndElement();
            xml.writeStartElement("Devices");
            xml.writeStartElement("Device");
            xml.writeAttribute("id", Vmc3Axis.ID);
            xml.writeAttribute("name", Vmc3Axis.NAME);
            xml.writeAttribute("uuid", Vmc3Axis.UUID);
            xml.writeStartElement("Description");
            xml.writeAttribute("manufacturer", "OpenFactory");
            xml.writeAttribute("model", "VMC-3Axis simulator");
            xml.writeAttribute("serialNumber", "SIM-0001");
            xml.writeCharacters("Simulated 3-axis vertical machining center");
            xml.writeEndElement();
            componentContent(xml, Vmc3Axis.DEVICE);
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** The answer to {@code /current} and {@code /sample}, and each part of a stream (a heartbeat if empty). */
    byte[] streams(Slice slice) {
        return write("MTConnectStreams", xml -> {
            xml.writeStartElement("Header");
            commonHeader(xml);
            xml.writeAttribute("deviceModelChangeTime", time(deviceModelChangeTime));
            xml.writeAttribute("nextSequence", Long.toString(slice.nextSequence()));
            xml.writeAttribute("firstSequence", Long.toString(slice.window().firstSequence()));
            xml.writeAttribute("lastSequence", Long.toString(slice.window().lastSequence()));
            xml.writeEndElement();
            xml.writeStartElement("Streams");
            if (!slice.observations().isEmpty()) {
                xml.writeStartElement("DeviceStream");
                xml.writeAttribute("name", Vmc3Axis.NAME);
                xml.writeAttribute("uuid", Vmc3Axis.UUID);
                for (ComponentSpec component : Vmc3Axis.COMPONENTS) {
                    componentStream(xml, component, slice.observations());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /** An MTConnectError document, e.g. {@code OUT_OF_RANGE} for a {@code from} outside the buffer. */
    byte[] error(String errorCode, String message) {
        return write("MTConnectError", xml -> {
            xml.writeStartElement("Header");
            commonHeader(xml);
            xml.writeEndElement();
            xml.writeStartElement("Errors");
            xml.writeStartElement("Error");
            xml.writeAttribute("errorCode", errorCode);
            xml.writeCharacters(message);
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    private void commonHeader(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeAttribute("creationTime", time(Instant.now()));
        xml.writeAttribute("sender", sender);
        xml.writeAttribute("instanceId", Long.toString(instanceId));
        xml.writeAttribute("version", VERSION);
        xml.writeAttribute("bufferSize", Integer.toString(bufferSize));
    }

    private static void componentContent(XMLStreamWriter xml, ComponentSpec component) throws XMLStreamException {
        List<DataItemSpec> items = Vmc3Axis.DATA_ITEMS.stream().filter(d -> d.component() == component).toList();
        if (!items.isEmpty()) {
            xml.writeStartElement("DataItems");
            for (DataItemSpec item : items) {
                xml.writeEmptyElement("DataItem");
                xml.writeAttribute("category", item.category());
                xml.writeAttribute("id", item.id());
                xml.writeAttribute("name", item.name());
                xml.writeAttribute("type", item.type());
                if (item.subType() != null) {
                    xml.writeAttribute("subType", item.subType());
                }
                if (item.units() != null) {
                    xml.writeAttribute("units", item.units());
                    xml.writeAttribute("nativeUnits", item.units());
                }
            }
            xml.writeEndElement();
        }
        List<ComponentSpec> children = Vmc3Axis.COMPONENTS.stream()
                .filter(c -> component.id().equals(c.parentId())).toList();
        if (!children.isEmpty()) {
            xml.writeStartElement("Components");
            for (ComponentSpec child : children) {
                xml.writeStartElement(child.element());
                xml.writeAttribute("id", child.id());
                xml.writeAttribute("name", child.name());
                componentContent(xml, child);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
    }

    private static void componentStream(XMLStreamWriter xml, ComponentSpec component,
                                        List<RecordedObservation> observations) throws XMLStreamException {
        List<RecordedObservation> mine = new ArrayList<>();
        for (RecordedObservation o : observations) {
            Vmc3Axis.dataItem(o.dataItemId()).filter(d -> d.component() == component).ifPresent(d -> mine.add(o));
        }
        if (mine.isEmpty()) {
            return;
        }
        xml.writeStartElement("ComponentStream");
        xml.writeAttribute("component", component.element());
        xml.writeAttribute("name", component.name());
        xml.writeAttribute("componentId", component.id());
        for (String container : List.of("Samples", "Events", "Condition")) {
            List<RecordedObservation> inContainer = mine.stream()
                    .filter(o -> spec(o).streamsContainer().equals(container)).toList();
            if (inContainer.isEmpty()) {
                continue;
            }
            xml.writeStartElement(container);
            for (RecordedObservation o : inContainer) {
                observation(xml, spec(o), o);
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void observation(XMLStreamWriter xml, DataItemSpec item, RecordedObservation o)
            throws XMLStreamException {
        Reading reading = o.reading();
        String element = item.isCondition() ? conditionElement(reading.conditionLevel()) : item.observationElement();
        xml.writeStartElement(element);
        xml.writeAttribute("dataItemId", item.id());
        xml.writeAttribute("timestamp", time(o.timestamp()));
        xml.writeAttribute("name", item.name());
        xml.writeAttribute("sequence", Long.toString(o.sequence()));
        if (item.subType() != null) {
            xml.writeAttribute("subType", item.subType());
        }
        if (item.isCondition()) {
            xml.writeAttribute("type", item.type());
            if (reading.nativeCode() != null) {
                xml.writeAttribute("nativeCode", reading.nativeCode());
            }
        }
        xml.writeCharacters(reading.value());
        xml.writeEndElement();
    }

    private static String conditionElement(String level) {
        String lower = level.toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static DataItemSpec spec(RecordedObservation o) {
        return Vmc3Axis.dataItem(o.dataItemId()).orElseThrow();
    }

    /** Agents write UTC with microseconds. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static byte[] write(String root, Body body) {
        String namespace = "urn:mtconnect.org:" + root + ":2.0";
        var out = new ByteArrayOutputStream(2048);
        try {
            // a factory per document: the JDK's factory is not documented as thread-safe
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(namespace);
            xml.writeStartElement(root);
            xml.writeDefaultNamespace(namespace);
            xml.writeNamespace("xsi", XSI);
            xml.writeAttribute(XSI, "schemaLocation", namespace + " " + SCHEMAS + root + "_2.0.xsd");
            body.write(xml);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write " + root, e);
        }
        return out.toByteArray();
    }

    static String text(byte[] document) {
        return new String(document, StandardCharsets.UTF_8);
    }
}
