package org.openfactory.ingestion.southbound.opcua;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.FailureCode;

/**
 * Waits, bounded, for one request to the device on the command thread and turns its failure into the command's
 * failure. What a lost connection means depends on the request: before the write or call nothing has changed on the
 * device (NOT_CONNECTED); during it, the device may or may not have done it (OUTCOME_UNKNOWN).
 */
final class DeviceRequest {

    /** The link to the device, not the device's verdict. */
    private static final Set<Long> CONNECTION_LOST = Set.of(StatusCodes.Bad_SessionClosed,
            StatusCodes.Bad_SessionIdInvalid, StatusCodes.Bad_SessionNotActivated, StatusCodes.Bad_SecureChannelClosed,
            StatusCodes.Bad_ConnectionClosed, StatusCodes.Bad_ServerNotConnected, StatusCodes.Bad_Timeout,
            StatusCodes.Bad_RequestTimeout, StatusCodes.Bad_Shutdown, StatusCodes.Bad_CommunicationError);

    private DeviceRequest() {
    }

    /**
     * @param what          for the reason, e.g. "reading the DataType of node ns=2;s=X"
     * @param changesDevice whether this request is the write or call itself
     */
    static <T> T await(CompletableFuture<T> request, Duration timeout, DeviceCommand command, String what,
                       boolean changesDevice) {
        FailureCode lost = changesDevice ? FailureCode.OUTCOME_UNKNOWN : FailureCode.NOT_CONNECTED;
        try {
            return request.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancel(false);
            throw new CommandRejectedException(lost, prefix(command) + "the connector closed while " + what, e);
        } catch (TimeoutException e) {
            request.cancel(false);
            throw new CommandRejectedException(lost, prefix(command) + "no answer within " + timeout.toMillis()
                    + " ms while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof UaException ua) {
                long code = ua.getStatusCode().value() & 0xFFFF_0000L;
                if (code == StatusCodes.Bad_NotConnected) { // never sent
                    throw new CommandRejectedException(FailureCode.NOT_CONNECTED, prefix(command)
                            + "not connected while " + what, ua);
                }
                FailureCode failure = CONNECTION_LOST.contains(code) ? lost : FailureCode.DEVICE_ERROR;
                throw new CommandRejectedException(failure, prefix(command) + what + " failed: "
                        + StatusNames.describe(ua.getStatusCode()), ua);
            }
            throw new CommandRejectedException(FailureCode.DEVICE_ERROR, prefix(command) + what + " failed: "
                    + cause, cause);
        }
    }

    /** "asset tc-1, data item setpoint: " */
    static String prefix(DeviceCommand command) {
        return "asset " + command.asset().id() + ", data item " + command.target().id() + ": ";
    }
}
