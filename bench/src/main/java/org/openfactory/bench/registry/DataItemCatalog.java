package org.openfactory.bench.registry;

import java.util.ArrayList;
import java.util.List;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.openfactory.registry.asset.OpcUaSource;

/**
 * The data items of a generated machine: 20 of mixed value types (8 DOUBLE, 3 INTEGER, 4 STRING, 3 BOOLEAN,
 * 2 CONDITION), some with limits, two writable. More than 20 repeat the list with a number appended.
 */
public final class DataItemCatalog {

    private record Template(String id, Category category, ValueType valueType, String units, Limits limits,
                            boolean writable) {
    }

    private static final List<Template> TEMPLATES = List.of(
            new Template("temperature", Category.SAMPLE, ValueType.DOUBLE, "CELSIUS", new Limits(-50.0, 400.0), false),
            new Template("pressure", Category.SAMPLE, ValueType.DOUBLE, "BAR", new Limits(0.0, null), false),
            new Template("spindleSpeed", Category.SAMPLE, ValueType.DOUBLE, "REVOLUTION/MINUTE", null, false),
            new Template("feedRate", Category.SAMPLE, ValueType.DOUBLE, "MILLIMETER/SECOND", null, false),
            new Template("power", Category.SAMPLE, ValueType.DOUBLE, "WATT", null, false),
            new Template("vibration", Category.SAMPLE, ValueType.DOUBLE, "MILLIMETER/SECOND", null, false),
            new Template("coolantLevel", Category.SAMPLE, ValueType.DOUBLE, "PERCENT", new Limits(0.0, 100.0), false),
            new Template("setpoint", Category.SAMPLE, ValueType.DOUBLE, "CELSIUS", new Limits(0.0, 350.0), true),
            new Template("partCount", Category.EVENT, ValueType.INTEGER, null, null, false),
            new Template("cycleCount", Category.EVENT, ValueType.INTEGER, null, null, false),
            new Template("toolNumber", Category.EVENT, ValueType.INTEGER, null, new Limits(1.0, 99.0), false),
            new Template("program", Category.EVENT, ValueType.STRING, null, null, false),
            new Template("mode", Category.EVENT, ValueType.STRING, null, null, false),
            new Template("execution", Category.EVENT, ValueType.STRING, null, null, false),
            new Template("operator", Category.EVENT, ValueType.STRING, null, null, false),
            new Template("running", Category.EVENT, ValueType.BOOLEAN, null, null, false),
            new Template("doorOpen", Category.EVENT, ValueType.BOOLEAN, null, null, false),
            new Template("heater", Category.EVENT, ValueType.BOOLEAN, null, null, true),
            new Template("temperatureAlarm", Category.CONDITION, ValueType.CONDITION, null, null, false),
            new Template("system", Category.CONDITION, ValueType.CONDITION, null, null, false));

    private DataItemCatalog() {
    }

    /** The first {@code count} data items of the asset, addressed by OPC UA node ids under the asset's folder. */
    public static List<DataItemDefinition> itemsOf(String assetId, int count) {
        List<DataItemDefinition> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Template t = TEMPLATES.get(i % TEMPLATES.size());
            String id = i < TEMPLATES.size() ? t.id() : t.id() + (i / TEMPLATES.size() + 1);
            items.add(new DataItemDefinition(id, t.category(), t.valueType(), t.units(), t.limits(), t.writable(),
                    OpcUaSource.node("ns=2;s=" + assetId + "/" + id)));
        }
        return items;
    }
}
