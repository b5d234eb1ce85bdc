package org.openfactory.model.command;

/** Why a command failed, as a stable code; the result's reason says it in words. */
public enum FailureCode {
    /** No asset with that id is registered (or it was retired). */
    UNKNOWN_ASSET,
    /** The asset has no data item with that id. */
    UNKNOWN_TARGET,
    /** The data item is not writable (declared read-only, a CONDITION, or a read-only protocol source). */
    READ_ONLY,
    /** Wrong number or types of arguments, or a value outside the data item's limits. */
    BAD_ARGUMENTS,
    /** The connector cannot reach the device right now. */
    NOT_CONNECTED,
    /** The device refused or failed the operation (its status is in the reason). */
    DEVICE_ERROR,
    /** The command was accepted but the connector stopped before it knew the outcome; it is not retried. */
    OUTCOME_UNKNOWN
}
