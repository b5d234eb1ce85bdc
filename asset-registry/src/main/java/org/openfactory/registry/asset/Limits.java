package org.openfactory.registry.asset;

/**
 * The engineering range of a numeric data item; either bound may be open (null), not both.
 */
public record Limits(Double min, Double max) {

    public Limits {
        if (min == null && max == null) {
            throw new IllegalArgumentException("limits need a min, a max or both");
        }
    }
}
