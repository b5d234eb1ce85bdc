package org.openfactory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The report as JSON: {@code <dir>/<UTC timestamp>.json} and a copy in {@code <dir>/latest.json}. */
public final class ResultsFile {

    public static final String LATEST = "latest.json";
    private static final DateTimeFormatter FILE_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsFile() {
    }

    /** @return the timestamped file */
    public static Path write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME.format(report.startedAt()) + ".json");
        byte[] json = (JSON.writeValueAsString(toJson(report)) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(file, json);
        Files.copy(file, dir.resolve(LATEST), StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    static ObjectNode toJson(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("startedAt", report.startedAt().toString());
        root.put("finishedAt", report.finishedAt().toString());
        root.put("durationSeconds", report.duration().toMillis() / 1000.0);
        root.put("passed", report.passed());
        root.set("environment", JSON.valueToTree(report.environment()));
        ObjectNode load = JSON.valueToTree(report.load());
        load.put("busy", report.load().busy());
        root.set("machineLoad", load);
        BenchOptions o = report.options();
        ObjectNode scale = root.putObject("scale");
        scale.put("assets", o.assets());
        scale.put("dataItemsPerAsset", o.itemsPerAsset());
        scale.put("events", o.events());
        scale.put("runs", o.runs());
        scale.put("warmups", o.warmups());
        scale.put("timeTravelQueries", o.timeTravelQueries());
        ObjectNode seconds = root.putObject("secondsByBenchmark");
        report.secondsByBenchmark().forEach((name, s) -> seconds.put(name, round(s)));
        ArrayNode results = root.putArray("results");
        for (Result r : report.results()) {
            ObjectNode row = results.addObject();
            row.put("benchmark", r.benchmark());
            row.put("measure", r.measure());
            row.put("figure", round(r.figure()));
            row.put("unit", r.unit());
            row.put("how", r.how());
            if (r.reference() != null) {
                row.put("reference", r.reference());
                row.put("referenceLabel", r.referenceLabel());
                row.put("ratio", round(r.ratio()));
            }
        }
        ArrayNode checks = root.putArray("checks");
        report.checks().forEach(c -> checks.add(JSON.valueToTree(c)));
        return root;
    }

    /** Three decimals: enough for every figure, short in a diff. */
    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : value;
    }
}
