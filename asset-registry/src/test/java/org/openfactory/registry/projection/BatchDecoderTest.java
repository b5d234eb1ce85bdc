package org.openfactory.registry.projection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.MalformedEventException;

class BatchDecoderTest {

    private static final Set<String> THREADS = ConcurrentHashMap.newKeySet();

    /** "n" decodes to an event with id n; "bad" is malformed. Records the threads that decoded. */
    private static final Function<byte[], Envelope<String>> DECODER = bytes -> {
        THREADS.add(Thread.currentThread().getName());
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.equals("bad")) {
            throw new MalformedEventException("bad record");
        }
        return new Envelope<>(text, URI.create("/s"), "t", null, Instant.EPOCH, Instant.EPOCH, text);
    };

    @Test
    void aBigBatchIsDecodedOnWorkerThreadsWithResultsInRecordOrder() {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            values.add(i % 1000 == 7 ? null : (i % 333 == 5 ? "bad" : Integer.toString(i))
                    .getBytes(StandardCharsets.UTF_8));
        }
        THREADS.clear();
        Object[] one;
        Object[] three;
        try (BatchDecoder<String> single = new BatchDecoder<>(DECODER, 1, "one");
             BatchDecoder<String> parallel = new BatchDecoder<>(DECODER, 3, "three")) {
            one = single.submit(values).await();
            assertEquals(Set.of(Thread.currentThread().getName()), THREADS, "one thread: the caller's");
            THREADS.clear();
            three = parallel.submit(values).await();
        }
        assertEquals(2, THREADS.size(), "two workers, the caller keeping its core to poll: " + THREADS);
        assertTrue(THREADS.stream().allMatch(t -> t.startsWith("three-decode-")), THREADS::toString);
        assertArrayEquals(describe(one), describe(three));
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                assertNull(three[i], "a tombstone decodes to nothing");
            } else if (i % 333 == 5) {
                assertTrue(three[i] instanceof MalformedEventException, "the error stands in for the event");
            } else {
                assertEquals(Integer.toString(i), ((Envelope<?>) three[i]).id());
            }
        }
    }

    @Test
    void aSmallBatchStaysOnTheCallingThread() {
        List<byte[]> values = List.of("1".getBytes(StandardCharsets.UTF_8), "2".getBytes(StandardCharsets.UTF_8));
        try (BatchDecoder<String> parallel = new BatchDecoder<>(DECODER, 2, "two")) {
            THREADS.clear();
            BatchDecoder<String>.Batch batch = parallel.submit(values);
            assertTrue(!batch.isAsync(), "decoded before submit returns");
            assertEquals(2, batch.await().length);
        }
        assertEquals(Set.of(Thread.currentThread().getName()), THREADS);
    }

    private static String[] describe(Object[] results) {
        String[] out = new String[results.length];
        for (int i = 0; i < results.length; i++) {
            Object r = results[i];
            out[i] = r instanceof Exception e ? e.getClass().getSimpleName() + ":" + e.getMessage() : String.valueOf(r);
        }
        return out;
    }
}
