package org.openfactory.bench;

import java.util.ArrayList;
import java.util.List;

/** The checks of a run, in the order they were made. */
public final class Checks {

    private final List<Check> checks = new ArrayList<>();

    /** Records the check and prints it on stderr; returns {@code passed}. */
    public boolean verify(String benchmark, String name, boolean passed, String detail) {
        checks.add(new Check(benchmark, name, passed, detail));
        Progress.line(benchmark, (passed ? "check ok: " : "CHECK FAILED: ") + name + " (" + detail + ")");
        return passed;
    }

    /** Expected equals actual. */
    public boolean equal(String benchmark, String name, long expected, long actual) {
        return verify(benchmark, name, expected == actual, "expected " + Figures.count(expected) + ", got "
                + Figures.count(actual));
    }

    public List<Check> all() {
        return List.copyOf(checks);
    }

    public boolean allPassed() {
        return checks.stream().allMatch(Check::passed);
    }
}
