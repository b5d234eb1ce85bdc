package org.openfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreTheFiguresOfTheIssue() {
        BenchOptions o = BenchOptions.parse(new String[0]);
        assertEquals(10_000, o.assets());
        assertEquals(20, o.itemsPerAsset());
        assertEquals(1_000_000, o.events());
        assertEquals(Path.of("bench", "results"), o.resultsDir());
        assertTrue(o.serverBenchmarks());
    }

    @Test
    void noServerSkipsTheServerBenchmarksAndKeepsTheOtherOptions() {
        BenchOptions o = BenchOptions.parse(new String[] {"--keep-data", "--no-server", "--events", "3"});
        assertFalse(o.serverBenchmarks());
        assertTrue(o.keepData());
        assertEquals(3, o.events());
        assertFalse(BenchOptions.parse(new String[] {"--no-server", "--keep-data"}).serverBenchmarks());
    }

    @Test
    void optionsOverrideTheDefaults() {
        BenchOptions o = BenchOptions.parse(new String[] {"--events", "2_000", "--runs", "5", "--keep-data"});
        assertEquals(2_000, o.events());
        assertEquals(5, o.runs());
        assertTrue(o.keepData());
    }

    @Test
    void aWrongOptionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--assets", "many"}));
        assertTrue(e.getMessage().contains("--assets"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--fast"}));
    }
}
