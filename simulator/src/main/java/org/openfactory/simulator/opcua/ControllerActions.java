package org.openfactory.simulator.opcua;

/**
 * What the controller's address space asks of the device: the server owns the device state, the namespace only
 * exposes it. Called on Milo's threads.
 */
interface ControllerActions {

    /** A client (or the device itself) changed the Setpoint node's value. */
    void setpointWritten(double value);

    /** Switches the operating mode, one of {@link TemperatureControllerServer#MODES}; returns the previous mode. */
    String setMode(String mode);

    /** Acknowledges the high temperature alarm; nothing happens if it is acknowledged already. */
    void resetAlarm();
}
