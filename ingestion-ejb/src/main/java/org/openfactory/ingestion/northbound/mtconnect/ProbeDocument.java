package org.openfactory.ingestion.northbound.mtconnect;

import java.util.List;
import java.util.Optional;

/** The agent's answer to {@code /probe}: its devices (the Agent device of 2.x agents included). */
public record ProbeDocument(AgentHeader header, List<DeviceModel> devices) {

    public ProbeDocument {
        devices = List.copyOf(devices);
    }

    public Optional<DeviceModel> device(String nameOrUuid) {
        return devices.stream().filter(d -> d.isNamedBy(nameOrUuid)).findFirst();
    }
}
