package org.openfactory.ingestion.connector;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.openfactory.model.value.Value;

/**
 * The platform's link to one asset, for one protocol. Northbound it hands what the device reports to
 * {@link ConnectorContext#samples()}; southbound it executes commands on the device. A connector keeps trying to
 * reach its device until it is closed: a device that goes away and returns needs no restart.
 */
public interface Connector extends AutoCloseable {

    /** Starts connecting in the background; returns at once. */
    void start();

    /** Whether the device is reachable right now; availability events are derived from it. */
    boolean isConnected();

    /**
     * Executes a command that the dispatcher has already checked (the target exists on this asset, is writable or a
     * method, and the arguments have the right types).
     *
     * @return completes with a method's outputs (empty for a write), or exceptionally with a
     *         {@link CommandRejectedException} naming why the device did not do it
     */
    CompletionStage<List<Value>> execute(DeviceCommand command);

    /** Stops and releases the connection; idempotent. */
    @Override
    void close();
}
