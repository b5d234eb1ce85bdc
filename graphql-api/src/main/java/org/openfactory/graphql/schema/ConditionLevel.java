package org.openfactory.graphql.schema;

import org.eclipse.microprofile.graphql.Description;

@Description("Condition levels as in MTConnect.")
public enum ConditionLevel {
    NORMAL, WARNING, FAULT, UNAVAILABLE
}
