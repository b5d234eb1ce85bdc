package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.openfactory.registry.asset.OpcUaSource;

class SampleForwarderTest {

    private static final URI SOURCE = URI.create("urn:openfactory:test");
    private static final Instant SOURCE_TIME = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant SERVER_TIME = Instant.parse("2026-01-02T03:04:06Z");

    private final List<SampleObserved> samples = new ArrayList<>();
    private final NodeBinding binding = new NodeBinding(new DataItemDefinition("temperature", Category.SAMPLE,
            ValueType.DOUBLE, "CELSIUS", false, OpcUaSource.node("ns=2;s=T")), NodeId.parse("ns=2;s=T"));

    @Test
    void forwardsTypedSampleWithTheDeviceTime() {
        forwarder().onDataReceived(null, value(new Variant(21.5), SOURCE_TIME, SERVER_TIME));

        assertEquals(List.of(new SampleObserved("tc-1", "temperature", Category.SAMPLE, new Value.Number(21.5),
                "CELSIUS", SOURCE_TIME)), samples);
    }

    @Test
    void fallsBackToServerTimeThenToNow() {
        Instant before = Instant.now();
        forwarder().onDataReceived(null, value(new Variant(1.0), null, SERVER_TIME));
        forwarder().onDataReceived(null, value(new Variant(2.0), null, null));

        assertEquals(SERVER_TIME, samples.get(0).observedAt());
        assertTrue(!samples.get(1).observedAt().isBefore(before));
    }

    @Test
    void skipsUnconvertibleValuesAndSurvivesSinkFailures() {
        forwarder().onDataReceived(null, value(new Variant("AUTO"), SOURCE_TIME, null));
        assertTrue(samples.isEmpty());

        var failing = new SampleForwarder("tc-1", binding, SOURCE, (s, sample) -> {
            throw new IllegalStateException("log unavailable");
        });
        failing.onDataReceived(null, value(new Variant(1.0), SOURCE_TIME, null)); // must not throw
    }

    @Test
    void outOfRangeAndNonFiniteValuesAreNotPublishedAndTheNextValidOneIs() {
        NodeBinding limited = new NodeBinding(new DataItemDefinition("temperature", Category.SAMPLE,
                ValueType.DOUBLE, "CELSIUS", new Limits(-50.0, 300.0), false, OpcUaSource.node("ns=2;s=T")),
                NodeId.parse("ns=2;s=T"));
        var forwarder = new SampleForwarder("tc-1", limited, SOURCE, (source, sample) -> samples.add(sample));
        forwarder.onDataReceived(null, value(new Variant(300.5), SOURCE_TIME, null));
        forwarder.onDataReceived(null, value(new Variant(Double.NaN), SOURCE_TIME, null));
        assertTrue(samples.isEmpty(), samples.toString());
        forwarder.onDataReceived(null, value(new Variant(299.5), SOURCE_TIME, null));
        assertEquals(List.of(new Value.Number(299.5)), samples.stream().map(SampleObserved::value).toList());
    }

    private SampleForwarder forwarder() {
        return new SampleForwarder("tc-1", binding, SOURCE, (source, sample) -> samples.add(sample));
    }

    private static DataValue value(Variant v, Instant source, Instant server) {
        return new DataValue(v, StatusCode.GOOD, source == null ? null : new DateTime(source),
                server == null ? null : new DateTime(server));
    }
}
