package org.openfactory.bench;

/** A verification a benchmark made of its own outcome, e.g. "the read view holds 10,000 assets". */
public record Check(String benchmark, String name, boolean passed, String detail) {
}
