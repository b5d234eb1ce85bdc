package org.openfactory.bench.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openfactory.bench.registry.FactoryAssets;

class SampleScheduleTest {

    @Test
    void everyRoundObservesEveryPairOnce() {
        SampleSchedule schedule = new SampleSchedule(FactoryAssets.generate(50, 20));
        Set<Long> seen = new HashSet<>();
        for (long k = 0; k < schedule.pairs(); k++) {
            seen.add(schedule.pairOf(k));
        }
        assertEquals(schedule.pairs(), seen.size());
    }

    @Test
    void lastEventOfAPairIsTheOneABackwardSearchFinds() {
        SampleSchedule schedule = new SampleSchedule(FactoryAssets.generate(7, 3));
        for (long k = 0; k < 5 * schedule.pairs(); k++) {
            for (long pair = 0; pair < schedule.pairs(); pair++) {
                long expected = -1;
                for (long j = k; j >= 0; j--) {
                    if (schedule.pairOf(j) == pair) {
                        expected = j;
                        break;
                    }
                }
                assertEquals(expected, schedule.lastEventOf(pair, k), "pair " + pair + " up to event " + k);
            }
        }
    }

    @Test
    void neighbouringEventsComeFromDifferentAssets() {
        SampleSchedule schedule = new SampleSchedule(FactoryAssets.generate(10_000, 20));
        for (long k = 1; k < 100_000; k++) {
            assertNotEquals(schedule.assetIdOf(k - 1), schedule.assetIdOf(k), "event " + k);
        }
    }
}
