package org.openfactory.ingestion.northbound.opcua.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openfactory.registry.asset.AssetValidator;

class DataItemIdsTest {

    @Test
    void browseNamesBecomeValidLowerCamelCaseIds() {
        assertEquals("temperature", DataItemIds.sanitise("Temperature"));
        assertEquals("heaterOn", DataItemIds.sanitise("HeaterOn"));
        assertEquals("targetPressure", DataItemIds.sanitise("Target Pressure"));
        assertEquals("n1stStage", DataItemIds.sanitise("1st-Stage"));
        assertEquals("PLCState", DataItemIds.sanitise("PLCState"));
        assertEquals("motor_1Speed", DataItemIds.sanitise("motor_1.speed"));
        assertEquals("item", DataItemIds.sanitise("äöü"));
        for (String name : List.of("Temperature", "1st-Stage", "äöü", "_x", "a".repeat(100), "Ünïcode Näme")) {
            String id = DataItemIds.sanitise(name);
            assertTrue(AssetValidator.DATA_ITEM_ID.matcher(id).matches(), name + " -> " + id);
        }
    }

    @Test
    void aNameMetTwiceGetsASuffixWithinTheLengthLimit() {
        var ids = new DataItemIds();
        assertEquals("pressure", ids.idFor("Pressure"));
        assertEquals("pressure_2", ids.idFor("Pressure"));
        assertEquals("pressure_3", ids.idFor("pressure"));
        String longName = "x".repeat(70);
        assertEquals("x".repeat(63), ids.idFor(longName));
        String second = ids.idFor(longName);
        assertEquals("x".repeat(61) + "_2", second);
        assertTrue(AssetValidator.DATA_ITEM_ID.matcher(second).matches());
    }
}
