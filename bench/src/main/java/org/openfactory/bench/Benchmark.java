package org.openfactory.bench;

import java.util.List;

/**
 * One benchmark: measures a part of the platform on the shared broker and returns its figures. It verifies its own
 * outcome through {@link BenchContext#checks()}; a failed check makes the whole run exit non-zero.
 */
public interface Benchmark {

    /** Short name, the first column of the table, e.g. {@code registry}. */
    String name();

    List<Result> run(BenchContext context) throws Exception;
}
