package org.openfactory.simulator.modbus;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;

/** A coil or discrete input that j2mod's request threads and the simulation thread see consistently. */
final class Bit implements DigitalOut, DigitalIn {

    private volatile boolean set;

    @Override
    public boolean isSet() {
        return set;
    }

    @Override
    public void set(boolean value) {
        set = value;
    }
}
