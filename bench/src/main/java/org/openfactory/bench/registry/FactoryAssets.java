package org.openfactory.bench.registry;

import java.util.ArrayList;
import java.util.List;

import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.OpcUaConnection;

/**
 * A generated factory: {@code m-00000} ... machines on the default UNS template, ten per cell, ten cells per line,
 * ten lines per area, five areas per site, e.g. {@code acme/plant1/area3/line05/cell2/m-02416}. Deterministic: the
 * same count gives the same definitions.
 */
public record FactoryAssets(List<AssetDefinition> definitions) {

    public static final String ENTERPRISE = "acme";
    public static final String ASSET_TYPE = "MachineTool";

    public FactoryAssets {
        definitions = List.copyOf(definitions);
    }

    public static FactoryAssets generate(int assets, int itemsPerAsset) {
        List<AssetDefinition> definitions = new ArrayList<>(assets);
        for (int i = 0; i < assets; i++) {
            String id = assetId(i);
            definitions.add(new AssetDefinition(id, unsPath(i), ASSET_TYPE, "generated machine " + i,
                    new OpcUaConnection("opc.tcp://plc-" + id + ".acme.local:4840/openfactory"),
                    DataItemCatalog.itemsOf(id, itemsPerAsset)));
        }
        return new FactoryAssets(definitions);
    }

    public static String assetId(int index) {
        return String.format("m-%05d", index);
    }

    /** {@code acme/plant<s>/area<a>/line<ll>/cell<c>/<asset id>}. */
    static String unsPath(int index) {
        int cell = index / 10 % 10 + 1;
        int line = index / 100 % 10 + 1;
        int area = index / 1_000 % 5 + 1;
        int site = index / 5_000 + 1;
        return String.format("%s/plant%d/area%d/line%02d/cell%d/%s", ENTERPRISE, site, area, line, cell,
                assetId(index));
    }

    public int size() {
        return definitions.size();
    }

    public AssetDefinition get(int index) {
        return definitions.get(index);
    }

    /** Data items over all assets. */
    public long dataItemCount() {
        return definitions.stream().mapToLong(d -> d.dataItems().size()).sum();
    }
}
