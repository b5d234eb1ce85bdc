package org.openfactory.ingestion.northbound.mtconnect;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The MTConnect agent's REST API over HTTP/1.1: {@code /probe}, {@code /current}, {@code /sample}, and the sample
 * stream ({@code multipart/x-mixed-replace}) read part by part as the parts arrive. Used by one thread at a time.
 */
final class AgentClient {

    static final int MAX_PART_BYTES = 16 * 1024 * 1024;

    private final String agentUrl;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final StreamsParser streamsParser = new StreamsParser();
    private final ProbeParser probeParser = new ProbeParser();

    /**
     * @param requestTimeout bound of each request until its response headers arrive; a stream's body is watched by
     *                       its heartbeats instead
     */
    AgentClient(String agentUrl, HttpClient http, Duration requestTimeout) {
        this.agentUrl = agentUrl.endsWith("/") ? agentUrl.substring(0, agentUrl.length() - 1) : agentUrl;
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    String agentUrl() {
        return agentUrl;
    }

    /** The devices of the agent: {@code /probe}. */
    ProbeDocument probe() throws IOException, InterruptedException, MalformedDocumentException {
        HttpResponse<InputStream> response = send("/probe");
        try (InputStream body = response.body()) {
            requireXml(response, "/probe");
            return probeParser.parse(body);
        }
    }

    /** The latest observation of each of the device's data items: {@code /<device>/current}. */
    AgentResponse current(String device) throws IOException, InterruptedException, MalformedDocumentException {
        return document(devicePath(device) + "/current");
    }

    /** One {@code /<device>/sample} document, not streamed. */
    AgentResponse sample(String device, long from, int count)
            throws IOException, InterruptedException, MalformedDocumentException {
        return document(devicePath(device) + "/sample?from=" + from + "&count=" + count);
    }

    /**
     * Streams {@code /<device>/sample} from {@code from}, handing each part's document to the listener as it arrives,
     * until the agent ends the stream, the listener says stop or the stream is closed. An agent that answers with a
     * single document (an error, or no streaming) gives just that one.
     */
    void stream(String device, long from, StreamParameters parameters, StreamListener listener)
            throws IOException, InterruptedException {
        String path = devicePath(device) + "/sample?from=" + from + "&interval=" + parameters.intervalMillis()
                + "&heartbeat=" + parameters.heartbeatMillis() + "&count=" + parameters.count();
        HttpResponse<InputStream> response = send(path);
        try (InputStream body = response.body()) {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            Optional<String> boundary = MultipartReader.boundaryOf(contentType);
            if (response.statusCode() == 200 && boundary.isPresent()) {
                listener.opened(body);
                var parts = new MultipartReader(body, boundary.get(), MAX_PART_BYTES);
                for (MultipartReader.Part part = parts.next(); part != null; part = parts.next()) {
                    if (!readPart(part, listener)) {
                        return;
                    }
                }
                return;
            }
            requireXml(response, path);
            try {
                listener.onDocument(streamsParser.parse(body));
            } catch (MalformedDocumentException e) {
                throw new IOException(agentUrl + path + " answered HTTP " + response.statusCode()
                        + " with an unreadable document: " + e.getMessage(), e);
            }
        }
    }

    private boolean readPart(MultipartReader.Part part, StreamListener listener) {
        AgentResponse document;
        try {
            document = streamsParser.parse(part.body());
        } catch (MalformedDocumentException e) {
            listener.onUnreadablePart(e);
            return true;
        }
        return listener.onDocument(document);
    }

    private AgentResponse document(String path) throws IOException, InterruptedException, MalformedDocumentException {
        HttpResponse<InputStream> response = send(path);
        try (InputStream body = response.body()) {
            requireXml(response, path);
            return streamsParser.parse(body);
        }
    }

    private HttpResponse<InputStream> send(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(agentUrl + path))
                .timeout(requestTimeout)
                .header("Accept", "application/xml, text/xml")
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Agents answer errors with an MTConnectError document; anything not XML is a failure of the request. */
    private void requireXml(HttpResponse<InputStream> response, String path) throws IOException {
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.contains("xml")) {
            throw new IOException(agentUrl + path + " answered HTTP " + response.statusCode() + " with '"
                    + contentType + "', not an MTConnect document");
        }
    }

    private static String devicePath(String device) {
        return "/" + URLEncoder.encode(device, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What to ask of a stream: {@code interval}, {@code heartbeat} and {@code count} of {@code /sample}. */
    record StreamParameters(long intervalMillis, long heartbeatMillis, int count) {
    }

    /** Receives a stream's documents on the reading thread. */
    interface StreamListener {

        /** The stream is open; closing {@code stream} (from any thread) ends it. */
        void opened(Closeable stream);

        /** @return false to end the stream */
        boolean onDocument(AgentResponse document);

        /** A part that is not a readable document; the stream goes on. */
        void onUnreadablePart(MalformedDocumentException cause);
    }
}
