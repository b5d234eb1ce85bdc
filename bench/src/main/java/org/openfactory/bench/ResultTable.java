package org.openfactory.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report as text: a header with the environment, one table of figures, then the checks. */
public final class ResultTable {

    private static final List<String> HEADINGS = List.of("benchmark", "measure", "figure", "unit", "how",
            "reference", "ratio");

    private ResultTable() {
    }

    public static String format(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("OpenFactory benchmarks, ").append(report.startedAt()).append('\n');
        out.append("  ").append(report.environment().describe()).append('\n');
        out.append("  JVM arguments: ").append(String.join(" ", report.environment().jvmArguments())).append('\n');
        out.append("  scale: ").append(report.options().describe()).append('\n');
        out.append("  machine: ").append(report.load().describe()).append('\n');
        if (report.load().busy()) {
            out.append("  WARNING: other processes were busy during the run; the figures are likely low\n");
        }
        out.append('\n').append(table(report.results())).append('\n');
        out.append("checks:\n");
        for (Check check : report.checks()) {
            out.append(check.passed() ? "  ok    " : "  FAIL  ").append(check.benchmark()).append(": ")
                    .append(check.name()).append(" (").append(check.detail()).append(")\n");
        }
        out.append(String.format(Locale.ROOT, "%ntotal %d s (%s); %s%n", report.duration().toSeconds(),
                report.secondsByBenchmark().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.0f s", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")),
                report.passed() ? "all checks passed" : "SOME CHECKS FAILED"));
        return out.toString();
    }

    /** Columns padded to their widest cell; figures and ratios right-aligned. */
    static String table(List<Result> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (Result r : results) {
            rows.add(List.of(r.benchmark(), r.measure(), Figures.figure(r.figure()), r.unit(), r.how(),
                    r.reference() == null ? "" : Figures.figure(r.reference()) + " (" + r.referenceLabel() + ")",
                    r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio())));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                boolean right = i > 0 && (c == 2 || c == 6);
                String cell = row.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(right ? pad + cell : cell + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                out.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
            }
        }
        return out.toString();
    }
}
