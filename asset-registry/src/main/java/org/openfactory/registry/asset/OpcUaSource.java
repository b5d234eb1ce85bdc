package org.openfactory.registry.asset;

import java.util.ArrayList;
import java.util.List;

/**
 * An OPC UA address: a variable by {@code nodeId} or by {@code browsePath}, or a method by {@code objectId} and
 * {@code methodId} (for METHOD data items). Exactly one of the three forms is set.
 *
 * @param nodeId             e.g. {@code ns=2;s=TemperatureController/Temperature}
 * @param browsePath         e.g. {@code /Objects/2:TemperatureController/2:Temperature}
 * @param objectId           the object that owns the method
 * @param methodId           the method
 * @param samplingIntervalMs monitored item sampling interval, or null for the connector's default
 * @param queueSize          monitored item queue size, or null for the connector's default
 * @param deadband           absolute deadband (numeric values only), or null for none
 */
public record OpcUaSource(String nodeId, String browsePath, String objectId, String methodId,
                          Integer samplingIntervalMs, Integer queueSize, Double deadband) implements DataItemSource {

    public OpcUaSource {
        List<Violation> shape = shapeProblems(nodeId, browsePath, objectId, methodId, samplingIntervalMs, queueSize,
                deadband);
        if (!shape.isEmpty()) {
            throw new IllegalArgumentException(shape.get(0).toString());
        }
    }

    public static OpcUaSource node(String nodeId) {
        return new OpcUaSource(nodeId, null, null, null, null, null, null);
    }

    public static OpcUaSource browse(String browsePath) {
        return new OpcUaSource(null, browsePath, null, null, null, null, null);
    }

    public static OpcUaSource method(String objectId, String methodId) {
        return new OpcUaSource(null, null, objectId, methodId, null, null, null);
    }

    @Override
    public String connectorType() {
        return ConnectorBinding.OPCUA;
    }

    /** True for a method mapping ({@code objectId} + {@code methodId}). */
    public boolean isMethod() {
        return objectId != null;
    }

    /** True for a variable addressed by browse path rather than node id. */
    public boolean isBrowsePath() {
        return browsePath != null;
    }

    /** What is wrong with the combination of fields, relative to the mapping; empty when it is one valid form. */
    static List<Violation> shapeProblems(String nodeId, String browsePath, String objectId, String methodId,
                                         Integer samplingIntervalMs, Integer queueSize, Double deadband) {
        List<Violation> problems = new ArrayList<>();
        boolean method = objectId != null || methodId != null;
        if (method) {
            if (nodeId != null) {
                problems.add(Violation.at("a method mapping (objectId, methodId) cannot also have a nodeId",
                        "nodeId"));
            }
            if (browsePath != null) {
                problems.add(Violation.at("a method mapping (objectId, methodId) cannot also have a browsePath",
                        "browsePath"));
            }
            if (objectId == null) {
                problems.add(Violation.at("missing required field 'objectId': a method mapping needs objectId "
                        + "and methodId", "objectId"));
            }
            if (methodId == null) {
                problems.add(Violation.at("missing required field 'methodId': a method mapping needs objectId "
                        + "and methodId", "methodId"));
            }
            for (Object[] monitoring : new Object[][] {{"samplingIntervalMs", samplingIntervalMs},
                    {"queueSize", queueSize}, {"deadband", deadband}}) {
                if (monitoring[1] != null) {
                    problems.add(Violation.at("applies to monitored variables (nodeId or browsePath), not to "
                            + "methods", monitoring[0]));
                }
            }
        } else if (nodeId == null && browsePath == null) {
            problems.add(Violation.at("one of 'nodeId' or 'browsePath' is required (or 'objectId' and 'methodId' "
                    + "for a METHOD)"));
        } else if (nodeId != null && browsePath != null) {
            problems.add(Violation.at("give either nodeId or browsePath, not both", "browsePath"));
        }
        return problems;
    }
}
