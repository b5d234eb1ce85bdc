package org.openfactory.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

    private static Report report(boolean checkPassed) {
        return new Report(Instant.parse("2026-11-25T10:15:30Z"), Instant.parse("2026-11-25T10:18:00Z"),
                Environment.current(), new MachineLoad.Summary(0.5, 1.5, 0.1, 0.4, 1.8), BenchOptions.defaults(),
                Map.of("projection", 80.0),
                List.of(Result.of("projection", "rebuild", 250_000, "events/s", "median of 3")
                                .against(500_000, "issue 6 target"),
                        Result.of("projection", "heap per data item", 443.25, "bytes", "after System.gc()")),
                List.of(new Check("projection", "events applied", checkPassed, "expected 1, got 1")));
    }

    @Test
    void writesATimestampedFileAndLatest(@TempDir Path dir) throws Exception {
        Path file = ResultsFile.write(report(true), dir);

        assertEquals("2026-11-25T10-15-30Z.json", file.getFileName().toString());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve(ResultsFile.LATEST)));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertTrue(json.get("passed").asBoolean());
        assertEquals(150.0, json.get("durationSeconds").asDouble());
        assertEquals(1_000_000, json.get("scale").get("events").asInt());
        JsonNode rebuild = json.get("results").get(0);
        assertEquals("events/s", rebuild.get("unit").asText());
        assertEquals(0.5, rebuild.get("ratio").asDouble());
        assertFalse(json.get("results").get(1).has("reference"));
        assertTrue(json.get("environment").get("cores").asInt() > 0);
    }

    @Test
    void theTableShowsEveryFigureWithItsUnitAndTheFailedChecks() {
        String text = ResultTable.format(report(false));

        assertTrue(text.contains("250,000  events/s"), text);
        assertTrue(text.contains("500,000 (issue 6 target)   0.50"), text);
        assertTrue(text.contains("443  bytes"), text);
        assertTrue(text.contains("FAIL  projection: events applied"), text);
        assertTrue(text.contains("SOME CHECKS FAILED"), text);
    }
}
