package org.openfactory.historian;

/** Which store answered a history page. */
public enum HistorySource {
    /** The PostgreSQL table the {@link HistorianSink} writes. */
    HISTORIAN,
    /** The Kafka samples topic itself, read because PostgreSQL could not answer. */
    LOG
}
