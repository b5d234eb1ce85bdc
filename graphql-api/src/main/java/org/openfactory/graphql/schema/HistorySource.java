package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;

@Description("Which store answered a history page: the PostgreSQL historian, or the log itself while the historian "
        + "cannot answer.")
public enum HistorySource {
    HISTORIAN, LOG
}
