package org.openfactory.historian;

import java.util.List;
import java.util.Objects;

/**
 * One page of a data item's history in device-time order.
 *
 * @param hasNextPage true if more rows follow the last one within the asked range
 * @param source      which store served the page
 */
public record HistoryPage(List<HistoryRow> rows, boolean hasNextPage, HistorySource source) {

    public HistoryPage {
        rows = List.copyOf(rows);
        Objects.requireNonNull(source, "source");
    }

    /** The cursor of the last row, to ask for the next page; null for an empty page. */
    public String endCursor() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).cursor().encode();
    }

    /** The cursor of the first row; null for an empty page. */
    public String startCursor() {
        return rows.isEmpty() ? null : rows.get(0).cursor().encode();
    }
}
