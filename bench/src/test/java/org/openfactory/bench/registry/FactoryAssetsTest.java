package org.openfactory.bench.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetValidator;
import org.openfactory.registry.asset.UnsTemplate;

class FactoryAssetsTest {

    @Test
    void tenThousandValidMachinesOnDistinctUnsPaths() {
        FactoryAssets factory = FactoryAssets.generate(10_000, 20);
        Set<String> paths = new HashSet<>();
        for (AssetDefinition asset : factory.definitions()) {
            assertEquals(Set.of(), Set.copyOf(AssetValidator.validate(asset, UnsTemplate.DEFAULT)), asset.id());
            paths.add(asset.unsPath());
        }
        assertEquals(10_000, paths.size());
        assertEquals(200_000, factory.dataItemCount());
        assertEquals("acme/plant1/area3/line05/cell2/m-02416", factory.get(2416).unsPath());
    }

    @Test
    void dataItemsMixTheValueTypes() {
        Set<ValueType> types = new HashSet<>();
        FactoryAssets.generate(1, 20).get(0).dataItems().forEach(d -> types.add(d.valueType()));
        assertEquals(Set.of(ValueType.DOUBLE, ValueType.INTEGER, ValueType.STRING, ValueType.BOOLEAN,
                ValueType.CONDITION), types);
    }

    @Test
    void moreThanTwentyItemsGetNumberedIds() {
        AssetDefinition asset = FactoryAssets.generate(1, 45).get(0);
        assertEquals(45, asset.dataItems().stream().map(d -> d.id()).distinct().count());
        assertTrue(AssetValidator.validate(asset, UnsTemplate.DEFAULT).isEmpty());
    }
}
