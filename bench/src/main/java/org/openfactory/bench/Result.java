package org.openfactory.bench;

import java.util.Objects;

/**
 * One figure of a benchmark, e.g. {@code registry / validate definitions / 85,000 assets/s}.
 *
 * @param how            how the figure was obtained, e.g. {@code median of 3} or {@code 1 run}
 * @param reference      a figure to compare with (a target, or the same measure of a baseline), or null
 * @param referenceLabel what the reference is, e.g. {@code issue 6 target}; null without a reference
 */
public record Result(String benchmark, String measure, double figure, String unit, String how, Double reference,
                     String referenceLabel) {

    public Result {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(how, "how");
    }

    public static Result of(String benchmark, String measure, double figure, String unit, String how) {
        return new Result(benchmark, measure, figure, unit, how, null, null);
    }

    /** This figure compared with {@code reference} (same unit). */
    public Result against(double reference, String referenceLabel) {
        return new Result(benchmark, measure, figure, unit, how, reference, referenceLabel);
    }

    /** figure / reference, or null without a reference. */
    public Double ratio() {
        return reference == null || reference == 0 ? null : figure / reference;
    }
}
