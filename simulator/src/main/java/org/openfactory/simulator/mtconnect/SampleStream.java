package org.openfactory.simulator.mtconnect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import org.openfactory.simulator.mtconnect.ObservationBuffer.Slice;

/**
 * One streaming {@code /sample?interval=...} request: a {@code multipart/x-mixed-replace} response whose parts are
 * MTConnectStreams documents, at most one per interval, and an empty one (a heartbeat) when nothing happened for a
 * heartbeat. Ends when the client goes, the agent stops or restarts, or a test drops it.
 */
final class SampleStream {

    /** A part that is not well-formed XML, for tests of the client's resilience. */
    static final byte[] CORRUPT_PART = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<MTConnectStreams xmlns=\"urn:mtconnect.org:MTConnectStreams:2.0\"><Header instanceId=\"1\" <Streams>")
            .getBytes(StandardCharsets.UTF_8);

    private static final long MAX_WAIT_MILLIS = 50;

    private final AgentInstance instance;
    private final Supplier<AgentInstance> currentInstance;
    private final StreamControls controls;
    private final int count;
    private final long intervalMillis;
    private final long heartbeatMillis;
    private final String boundary = UUID.randomUUID().toString().replace("-", "");

    SampleStream(AgentInstance instance, Supplier<AgentInstance> currentInstance, StreamControls controls, int count,
                 long intervalMillis, long heartbeatMillis) {
        this.instance = instance;
        this.currentInstance = currentInstance;
        this.controls = controls;
        this.count = count;
        this.intervalMillis = intervalMillis;
        this.heartbeatMillis = heartbeatMillis;
    }

    void serve(HttpExchange exchange, long from) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=" + boundary);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long drops = controls.drops.get();
        long corruptParts = controls.corruptParts.get();
        long cursor = from;
        long lastSent = System.nanoTime();
        controls.active.incrementAndGet();
        controls.opened.incrementAndGet();
        try {
            while (controls.running && currentInstance.get() == instance) {
                if (controls.drops.get() != drops) {
                    cutMidPart(out, cursor);
                    return;
                }
                if (controls.silenced) {
                    instance.buffer().awaitSequence(Long.MAX_VALUE, MAX_WAIT_MILLIS);
                    continue;
                }
                if (controls.corruptParts.get() != corruptParts) {
                    corruptParts = controls.corruptParts.get();
                    writePart(out, CORRUPT_PART);
                }
                ObservationBuffer.Window window = instance.buffer().window();
                if (cursor < window.firstSequence()) {
                    // the client fell behind the buffer: tell it, as agents do, and end the stream
                    writePart(out, instance.documents().error("OUT_OF_RANGE",
                            "'from' must be greater than or equal to " + window.firstSequence() + "."));
                    return;
                }
                Slice slice = instance.buffer().since(cursor, count);
                long now = System.nanoTime();
                if (!slice.observations().isEmpty()) {
                    writePart(out, instance.documents().streams(slice));
                    cursor = slice.nextSequence();
                    lastSent = now;
                    Thread.sleep(intervalMillis);
                    continue;
                }
                long sinceSent = (now - lastSent) / 1_000_000;
                if (sinceSent >= heartbeatMillis) {
                    writePart(out, instance.documents().streams(slice));
                    lastSent = now;
                    sinceSent = 0;
                }
                instance.buffer().awaitSequence(cursor, Math.max(1, Math.min(MAX_WAIT_MILLIS,
                        heartbeatMillis - sinceSent)));
            }
        } finally {
            controls.active.decrementAndGet();
        }
    }

    /** Sends the first half of the next part, then ends: the client sees the stream cut inside a part. */
    private void cutMidPart(OutputStream out, long cursor) throws IOException {
        Slice slice = instance.buffer().since(cursor, count);
        if (!slice.observations().isEmpty()) {
            byte[] part = part(instance.documents().streams(slice));
            out.write(Arrays.copyOf(part, part.length / 2));
            out.flush();
        }
    }

    private void writePart(OutputStream out, byte[] document) throws IOException {
        out.write(part(document));
        out.flush();
    }

    private byte[] part(byte[] document) {
        byte[] head = ("--" + boundary + "\r\nContent-type: text/xml\r\nContent-length: " + document.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] part = Arrays.copyOf(head, head.length + document.length + 2);
        System.arraycopy(document, 0, part, head.length, document.length);
        part[part.length - 2] = '\r';
        part[part.length - 1] = '\n';
        return part;
    }
}
