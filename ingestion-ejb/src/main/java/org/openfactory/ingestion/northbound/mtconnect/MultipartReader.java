package org.openfactory.ingestion.northbound.mtconnect;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the parts of a {@code multipart/x-mixed-replace} body one at a time, as they arrive: each call returns as
 * soon as its part is complete, without waiting for the next. A part with a {@code Content-length} header is read by
 * its length; one without, up to the next boundary.
 */
final class MultipartReader {

    private static final int MAX_LINE = 8 * 1024;

    private final InputStream in;
    private final byte[] delimiter; // "\n--" + boundary: a boundary line starts a line
    private final int maxPartBytes;
    private boolean atPartHeaders;
    private boolean ended;

    MultipartReader(InputStream in, String boundary, int maxPartBytes) {
        this.in = new BufferedInputStream(in, 16 * 1024);
        this.delimiter = ("\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.maxPartBytes = maxPartBytes;
    }

    /** The boundary of a multipart content type, e.g. {@code multipart/x-mixed-replace;boundary=abc}. */
    static Optional<String> boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("boundary")) {
                String value = pair[1].strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * Blocks until the next part is complete.
     *
     * @return the part, or null when the body ended (closing boundary, or end of stream between parts)
     * @throws EOFException the stream ended inside a part
     */
    Part next() throws IOException {
        if (ended) {
            return null;
        }
        if (!atPartHeaders && !skipToBoundary()) {
            ended = true;
            return null;
        }
        atPartHeaders = false;
        Map<String, String> headers = readHeaders();
        String length = headers.get("content-length");
        byte[] body;
        if (length != null) {
            body = readExactly(parseLength(length));
        } else {
            body = readToBoundary();
        }
        return new Part(headers, body);
    }

    /** Skips to the line after the next boundary; false at the closing boundary or the end of the stream. */
    private boolean skipToBoundary() throws IOException {
        String open = new String(delimiter, 1, delimiter.length - 1, StandardCharsets.US_ASCII);
        while (true) {
            String line = readLine();
            if (line == null || line.equals(open + "--")) {
                return false;
            }
            if (line.equals(open)) {
                return true;
            }
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(); ; line = readLine()) {
            if (line == null) {
                throw new EOFException("stream ended in the headers of a part");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
    }

    private int parseLength(String text) throws IOException {
        long length;
        try {
            length = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("part Content-length is not a number: '" + text + "'");
        }
        if (length < 0 || length > maxPartBytes) {
            throw new IOException("part Content-length " + length + " is outside 0.." + maxPartBytes);
        }
        return (int) length;
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("stream ended inside a part: " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    /** Reads up to the next boundary line and past it; the body's final line break is not part of the body. */
    private byte[] readToBoundary() throws IOException {
        byte[] buffer = new byte[4096];
        buffer[0] = '\n'; // the headers' blank line ended a line: a boundary may follow at once
        int size = 1;
        while (size < delimiter.length || !Arrays.equals(buffer, size - delimiter.length, size, delimiter, 0,
                delimiter.length)) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("stream ended inside a part without Content-length");
            }
            if (size == buffer.length) {
                if (size > maxPartBytes + delimiter.length + 2) {
                    throw new IOException("part without Content-length exceeds " + maxPartBytes + " bytes");
                }
                buffer = Arrays.copyOf(buffer, size * 2);
            }
            buffer[size++] = (byte) b;
        }
        int end = size - delimiter.length;
        if (end > 1 && buffer[end - 1] == '\r') {
            end--;
        }
        String rest = readLine(); // "" after a boundary, "--" after the closing one
        if (rest == null || rest.startsWith("--")) {
            ended = true;
        } else {
            atPartHeaders = true;
        }
        return end <= 1 ? new byte[0] : Arrays.copyOfRange(buffer, 1, end);
    }

    /** A line without its CR LF, or null at the end of the stream. */
    private String readLine() throws IOException {
        var line = new ByteArrayOutputStream(80);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes in a multipart body");
            }
            line.write(b);
        }
    }

    /**
     * @param headers the part's headers, names in lower case
     */
    record Part(Map<String, String> headers, byte[] body) {
    }
}
