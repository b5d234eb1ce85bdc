package org.openfactory.ingestion.northbound.mtconnect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MultipartReaderTest {

    private static final String BOUNDARY = "a8e12eced4fb871ac096a99bf9728425";

    @Test
    void findsTheBoundaryInTheContentType() {
        assertEquals(Optional.of(BOUNDARY), MultipartReader.boundaryOf("multipart/x-mixed-replace;boundary=" + BOUNDARY));
        assertEquals(Optional.of("abc"), MultipartReader.boundaryOf("multipart/x-mixed-replace; Boundary=\"abc\""));
        assertEquals(Optional.of("abc"), MultipartReader.boundaryOf("Multipart/X-Mixed-Replace; charset=x; boundary=abc"));
        assertEquals(Optional.empty(), MultipartReader.boundaryOf("text/xml;charset=UTF-8"));
        assertEquals(Optional.empty(), MultipartReader.boundaryOf("multipart/x-mixed-replace"));
        assertEquals(Optional.empty(), MultipartReader.boundaryOf(null));
    }

    @Test
    void readsPartsByContentLengthAsAnAgentWritesThem() throws IOException {
        byte[] current = Documents.read("current.xml");
        byte[] heartbeat = Documents.read("heartbeat.xml");
        var body = new StringBuilder()
                .append(part(current)).append(part(heartbeat)).append("--").append(BOUNDARY).append("--\r\n");
        var reader = reader(body.toString());
        MultipartReader.Part first = reader.next();
        assertEquals("text/xml", first.headers().get("content-type"));
        assertArrayEquals(current, first.body());
        assertArrayEquals(heartbeat, reader.next().body());
        assertNull(reader.next());
        assertNull(reader.next());
    }

    @Test
    void aLengthCountsBytesSoABodyMayContainTheBoundary() throws IOException {
        String tricky = "<x>\r\n--" + BOUNDARY + "\r\n</x>";
        var reader = reader(part(tricky.getBytes(StandardCharsets.UTF_8)));
        assertEquals(tricky, new String(reader.next().body(), StandardCharsets.UTF_8));
        assertNull(reader.next(), "the stream ended between parts");
    }

    @Test
    void readsPartsWithoutContentLengthUpToTheNextBoundary() throws IOException {
        String body = "preamble\r\n--" + BOUNDARY + "\r\nContent-Type: text/xml\r\n\r\n<a>1</a>\r\n--" + BOUNDARY
                + "\r\nContent-Type: text/xml\r\n\r\n<b>\n2\n</b>\n--" + BOUNDARY + "\r\ncontent-type: text/xml\r\n\r\n"
                + "\r\n--" + BOUNDARY + "--\r\n";
        var reader = reader(body);
        assertEquals("<a>1</a>", new String(reader.next().body(), StandardCharsets.UTF_8));
        assertEquals("<b>\n2\n</b>", new String(reader.next().body(), StandardCharsets.UTF_8));
        assertEquals("", new String(reader.next().body(), StandardCharsets.UTF_8));
        assertNull(reader.next());
    }

    @Test
    void returnsEachPartAsSoonAsItIsCompleteWithoutWaitingForTheNext() throws Exception {
        var pipe = new PipedOutputStream();
        var reader = new MultipartReader(new PipedInputStream(pipe, 64 * 1024), BOUNDARY, 1 << 20);
        byte[] current = Documents.read("current.xml");
        pipe.write(part(current).getBytes(StandardCharsets.UTF_8));
        pipe.flush();
        var first = CompletableFuture.supplyAsync(() -> next(reader));
        assertArrayEquals(current, first.get(5, TimeUnit.SECONDS).body(), "part 1 arrives alone");

        var second = CompletableFuture.supplyAsync(() -> next(reader));
        assertThrows(TimeoutException.class, () -> second.get(200, TimeUnit.MILLISECONDS), "part 2 not sent yet");
        pipe.write(part("<later/>".getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        pipe.flush();
        assertEquals("<later/>", new String(second.get(5, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8));
        pipe.close();
    }

    @Test
    void aStreamCutInsideAPartIsAnError() throws IOException {
        String whole = part(Documents.read("current.xml"));
        var reader = reader(whole.substring(0, whole.length() / 2));
        assertThrows(EOFException.class, reader::next);

        var headersOnly = reader("--" + BOUNDARY + "\r\nContent-length: 10\r\n");
        assertThrows(EOFException.class, headersOnly::next);
    }

    @Test
    void refusesALengthBeyondTheLimit() {
        var reader = new MultipartReader(new ByteArrayInputStream(("--" + BOUNDARY
                + "\r\nContent-length: 2000\r\n\r\n").getBytes(StandardCharsets.US_ASCII)), BOUNDARY, 1000);
        IOException e = assertThrows(IOException.class, reader::next);
        assertTrue(e.getMessage().contains("2000"), e.getMessage());
    }

    private static MultipartReader.Part next(MultipartReader reader) {
        try {
            return reader.next();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MultipartReader reader(String body) {
        return new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), BOUNDARY,
                1 << 20);
    }

    /** A part as the MTConnect C++ agent writes it. */
    private static String part(byte[] document) {
        return "--" + BOUNDARY + "\r\nContent-type: text/xml\r\nContent-length: " + document.length + "\r\n\r\n"
                + new String(document, StandardCharsets.UTF_8) + "\r\n";
    }
}
