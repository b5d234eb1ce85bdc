package org.openfactory.simulator.mtconnect;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What tests do to the open streams: each request is a generation that every stream notices once. */
final class StreamControls {

    final AtomicLong drops = new AtomicLong();
    final AtomicLong corruptParts = new AtomicLong();
    final AtomicInteger active = new AtomicInteger();
    final AtomicLong opened = new AtomicLong();
    volatile boolean silenced;
    volatile boolean running;
}
