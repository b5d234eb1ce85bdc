package org.openfactory.simulator.modbus;

import java.util.concurrent.atomic.AtomicLong;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;

/**
 * A process image that counts the requests served from it, so tests can see how many Modbus requests a client
 * needed. j2mod asks the image for one range per read request (and per multi-register write); single-register and
 * single-coil writes are not counted.
 */
final class CountingProcessImage extends SimpleProcessImage {

    private final AtomicLong rangeRequests = new AtomicLong();

    CountingProcessImage(int unitId) {
        super(unitId);
    }

    long rangeRequests() {
        return rangeRequests.get();
    }

    @Override
    public DigitalOut[] getDigitalOutRange(int ref, int count) {
        rangeRequests.incrementAndGet();
        return super.getDigitalOutRange(ref, count);
    }

    @Override
    public DigitalIn[] getDigitalInRange(int ref, int count) {
        rangeRequests.incrementAndGet();
        return super.getDigitalInRange(ref, count);
    }

    @Override
    public InputRegister[] getInputRegisterRange(int ref, int count) {
        rangeRequests.incrementAndGet();
        return super.getInputRegisterRange(ref, count);
    }

    @Override
    public Register[] getRegisterRange(int ref, int count) {
        rangeRequests.incrementAndGet();
        return super.getRegisterRange(ref, count);
    }
}
