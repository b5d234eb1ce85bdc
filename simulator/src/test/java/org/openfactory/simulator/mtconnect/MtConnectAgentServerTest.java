package org.openfactory.simulator.mtconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The agent over real HTTP, on a free port. */
@Timeout(30)
class MtConnectAgentServerTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private MtConnectAgentServer agent;
    private int port;

    @BeforeEach
    void setUp() throws IOException {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        agent = new MtConnectAgentServer("127.0.0.1", port, null, 64, 5L);
        agent.start();
    }

    @AfterEach
    void tearDown() {
        agent.close();
    }

    @Test
    void probeDescribesTheDeviceByNameOrUuid() throws Exception {
        for (String path : new String[] {"/probe", "/" + Vmc3Axis.NAME + "/probe", "/" + Vmc3Axis.UUID + "/probe",
                "/" + Vmc3Axis.NAME}) {
            HttpResponse<String> probe = get(path);
            assertEquals(200, probe.statusCode(), path);
            String body = probe.body();
            assertTrue(body.contains("<MTConnectDevices xmlns=\"urn:mtconnect.org:MTConnectDevices:2.0\""), body);
            assertTrue(body.contains("name=\"VMC-3Axis\" uuid=\"" + Vmc3Axis.UUID + "\""), body);
            assertTrue(body.contains("<DataItem category=\"SAMPLE\" id=\"Xact\" name=\"Xact\" type=\"POSITION\" "
                    + "subType=\"ACTUAL\" units=\"MILLIMETER\""), body);
            assertTrue(body.contains("<DataItem category=\"CONDITION\" id=\"system\" name=\"system\" type=\"SYSTEM\""),
                    body);
        }
        HttpResponse<String> unknown = get("/NoSuchDevice/probe");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("errorCode=\"NO_DEVICE\""), unknown.body());
    }

    @Test
    void currentAndSampleNumberTheObservations() throws Exception {
        String current = get("/VMC-3Axis/current").body();
        assertEquals(Long.toString(agent.instanceId()), attribute(current, "instanceId"));
        assertEquals("1", attribute(current, "firstSequence"));
        assertEquals("11", attribute(current, "nextSequence"), "one observation per data item at start");
        assertTrue(current.contains("<Normal dataItemId=\"system\""), current);

        agent.injectRaw(Vmc3Axis.X_ACT, "123.456");
        String sample = get("/VMC-3Axis/sample?from=11&count=5").body();
        assertTrue(sample.contains("<Position dataItemId=\"Xact\"") && sample.contains(">123.456</Position>"),
                sample);
        assertEquals("12", attribute(sample, "nextSequence"));
    }

    @Test
    void aFromOutsideTheBufferIsOutOfRange() throws Exception {
        for (int i = 0; i < 100; i++) {
            agent.tick();
        }
        HttpResponse<String> answer = get("/VMC-3Axis/sample?from=1");
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("<MTConnectError") && answer.body().contains("errorCode=\"OUT_OF_RANGE\""),
                answer.body());
    }

    @Test
    void streamsPartsWithContentLengthAndHeartbeats() throws Exception {
        HttpResponse<InputStream> stream = http.send(request("/VMC-3Axis/sample?from=11&interval=10&heartbeat=100"),
                HttpResponse.BodyHandlers.ofInputStream());
        String contentType = stream.headers().firstValue("Content-Type").orElseThrow();
        assertTrue(contentType.startsWith("multipart/x-mixed-replace;boundary="), contentType);
        String boundary = contentType.substring(contentType.indexOf('=') + 1);
        try (InputStream body = stream.body()) {
            String heartbeat = readPart(body, boundary);
            assertFalse(heartbeat.contains("<DeviceStream"), "nothing new: a heartbeat " + heartbeat);
            assertEquals("11", attribute(heartbeat, "nextSequence"));
            agent.injectCondition(Vmc3Axis.SYSTEM, "WARNING", "W1", "Coolant low");
            String data = readPart(body, boundary);
            while (!data.contains("<DeviceStream")) {
                data = readPart(body, boundary);
            }
            assertTrue(data.contains("<Warning dataItemId=\"system\"") && data.contains("nativeCode=\"W1\"")
                    && data.contains(">Coolant low</Warning>"), data);
            assertEquals(1, agent.activeStreams());
        }
    }

    @Test
    void restartGivesANewInstanceAndNumbersFromOne() throws Exception {
        long before = agent.instanceId();
        agent.tick();
        agent.restart();
        assertNotEquals(before, agent.instanceId());
        String current = get("/current").body();
        assertEquals(Long.toString(agent.instanceId()), attribute(current, "instanceId"));
        assertEquals("11", attribute(current, "nextSequence"));
    }

    @Test
    void closeReleasesThePortAndStartBindsItAgainWithTheSameBuffer() throws Exception {
        long instance = agent.instanceId();
        agent.tick();
        long last = agent.lastSequence();
        agent.close();
        assertThrows(ConnectException.class, () -> get("/probe"));
        agent.start();
        String current = get("/current").body();
        assertEquals(Long.toString(instance), attribute(current, "instanceId"));
        assertEquals(Long.toString(last), attribute(current, "lastSequence"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(agent.agentUrl() + path)).timeout(Duration.ofSeconds(5)).build();
    }

    private static String attribute(String document, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(document);
        assertTrue(m.find(), name + " in " + document);
        return m.group(1);
    }

    /** Reads one part: boundary line, headers, then Content-length bytes. */
    private static String readPart(InputStream in, String boundary) throws IOException {
        String line = line(in);
        while (line.isEmpty()) {
            line = line(in);
        }
        assertEquals("--" + boundary, line);
        int length = -1;
        for (line = line(in); !line.isEmpty(); line = line(in)) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertTrue(length > 0);
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("end of stream");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
