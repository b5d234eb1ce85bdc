package org.openfactory.registry.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class UnsTemplateTest {

    @Test
    void theDefaultIsIsa95DownToTheCell() {
        assertEquals(List.of("enterprise", "site", "area", "line", "cell"), UnsTemplate.DEFAULT.levels());
        assertEquals(List.of(), UnsTemplate.DEFAULT.problems("acme/plant1/utilities/line1/cell1/tc-1", "tc-1"));
    }

    @Test
    void eachProblemNamesTheLevel() {
        UnsTemplate t = UnsTemplate.DEFAULT;
        assertEquals(List.of("level 'cell' is missing (expected enterprise/site/area/line/cell/<assetId>)"),
                t.problems("acme/plant1/utilities/line1/tc-1", "tc-1"));
        assertEquals(List.of("last segment must be the asset id 'tc-1', found 'cell1' (expected "
                        + "enterprise/site/area/line/cell/<assetId>)",
                        "level 'cell' is missing (expected enterprise/site/area/line/cell/<assetId>)"),
                t.problems("acme/plant1/utilities/line1/cell1", "tc-1"));
        assertEquals(List.of("level 'area': 'util*ties' must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
                t.problems("acme/plant1/util*ties/line1/cell1/tc-1", "tc-1"));
        assertEquals(List.of("level 'enterprise': '-acme' must match ^[A-Za-z0-9][A-Za-z0-9_.-]*$"),
                t.problems("-acme/plant1/utilities/line1/cell1/tc-1", "tc-1"));
        assertEquals(List.of("the UNS path is empty; expected enterprise/site/area/line/cell/<assetId>"),
                t.problems(" ", "tc-1"));
    }

    @Test
    void aShorterTemplateComesFromConfiguration() {
        UnsTemplate t = UnsTemplate.parse("enterprise/site/area");
        assertEquals(List.of("enterprise", "site", "area"), t.levels());
        assertEquals(List.of(), t.problems("acme/plant1/utilities/tc-1", "tc-1"));
        assertEquals(List.of("level 'area' is missing (expected enterprise/site/area/<assetId>)"),
                t.problems("acme/plant1/tc-1", "tc-1"));
    }

    @Test
    void aTemplateNeedsDistinctWellFormedLevels() {
        assertThrows(IllegalArgumentException.class, () -> UnsTemplate.parse("site/site"));
        assertThrows(IllegalArgumentException.class, () -> UnsTemplate.parse("site//line"));
        assertThrows(IllegalArgumentException.class, () -> new UnsTemplate(List.of()));
    }
}
