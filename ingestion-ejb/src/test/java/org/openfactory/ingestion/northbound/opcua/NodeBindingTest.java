package org.openfactory.ingestion.northbound.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.OpcUaConnection;
import org.openfactory.registry.asset.OpcUaSource;

class NodeBindingTest {

    @Test
    void onlyItemsWithAParseableNodeIdAreMonitored() {
        DataItemDefinition temperature = item("temperature", Category.SAMPLE,
                new OpcUaSource("ns=2;s=TC/Temperature", null, null, null, 250, 4, null));
        AssetDefinition asset = new AssetDefinition("tc-1", "acme/p/a/l/c/tc-1", "TemperatureController",
                new OpcUaConnection("opc.tcp://127.0.0.1:4840"), List.of(temperature,
                item("mode", Category.EVENT, OpcUaSource.browse("/Objects/2:TC/2:Mode")),
                item("start", Category.METHOD, OpcUaSource.method("ns=2;s=TC", "ns=2;s=TC/Start")),
                item("garbled", Category.EVENT, OpcUaSource.node("ns=two;TC"))));

        List<NodeBinding> bindings = NodeBinding.of(asset);

        assertEquals(List.of(new NodeBinding(temperature, NodeId.parse("ns=2;s=TC/Temperature"))), bindings);
        assertEquals(250.0, bindings.get(0).samplingIntervalMs(100));
        assertEquals(4, bindings.get(0).queueSize(10));
    }

    @Test
    void itemsWithoutTheirOwnMonitoringSettingsUseTheConnectorDefaults() {
        NodeBinding binding = new NodeBinding(item("t", Category.SAMPLE, OpcUaSource.node("ns=2;s=T")),
                NodeId.parse("ns=2;s=T"));
        assertEquals(100.0, binding.samplingIntervalMs(100));
        assertEquals(10, binding.queueSize(10));
    }

    private static DataItemDefinition item(String id, Category category, OpcUaSource source) {
        return new DataItemDefinition(id, category, category == Category.METHOD ? ValueType.BOOLEAN
                : ValueType.STRING, null, false, source);
    }
}
