package org.openfactory.ingestion.northbound.opcua.browse;

import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.Limits;

/** What browsing found worth a data item, or a node it left out and why. */
sealed interface BrowsedNode {

    /** The node's browse name, e.g. {@code Temperature}; the data item id is derived from it. */
    String browseName();

    /** The node id in its text form, e.g. {@code ns=2;s=TemperatureController/Temperature}. */
    String nodeId();

    /**
     * A variable of a supported data type.
     *
     * @param units  from the EngineeringUnits property, or null
     * @param limits from the EURange property, or null
     */
    record Variable(String browseName, String nodeId, ValueType valueType, boolean writable, String units,
                    Limits limits, String dataTypeName) implements BrowsedNode {
    }

    /**
     * A method, called by commands.
     *
     * @param objectId   the object the method was found on (the one a call goes to)
     * @param resultType the type of its first output argument, or null when it has none the format can carry
     */
    record Method(String browseName, String nodeId, String objectId, ValueType resultType) implements BrowsedNode {
    }

    /**
     * An alarm (an instance of ConditionType): one CONDITION data item fed by the events of its notifier.
     *
     * @param nodeId the event notifier the alarm was found under (the node the data item subscribes to)
     */
    record Condition(String browseName, String nodeId) implements BrowsedNode {
    }

    /** A variable the draft leaves out, e.g. of an unsupported data type; kept as a comment. */
    record Skipped(String browseName, String nodeId, String reason) implements BrowsedNode {
    }
}
