package org.openfactory.ingestion.northbound.mtconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openfactory.model.value.Category;
import org.openfactory.simulator.mtconnect.MtConnectAgentServer;
import org.openfactory.simulator.mtconnect.Vmc3Axis;

/** The client against the real simulated agent over HTTP. */
@Timeout(30)
class AgentClientTest {

    private MtConnectAgentServer agent;
    private AgentClient client;

    @BeforeEach
    void setUp() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        agent = new MtConnectAgentServer("127.0.0.1", port, null, 64, 3L);
        agent.start();
        client = new AgentClient(agent.agentUrl() + "/", HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build(), Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() {
        agent.close();
    }

    @Test
    void probeCurrentAndSample() throws Exception {
        ProbeDocument probe = client.probe();
        DeviceModel device = probe.device(Vmc3Axis.UUID).orElseThrow();
        assertEquals(Vmc3Axis.NAME, device.name());
        assertEquals(new DataItemModel("Zact", "Zact", Category.SAMPLE, "POSITION", "ACTUAL", "MILLIMETER"),
                device.dataItem("Zact").orElseThrow());
        assertEquals(Vmc3Axis.DATA_ITEMS.size(), device.dataItems().size());

        var current = assertInstanceOf(AgentResponse.Streams.class, client.current(Vmc3Axis.NAME));
        assertEquals(Long.toString(agent.instanceId()), current.header().instanceId());
        assertEquals(Vmc3Axis.DATA_ITEMS.size(), current.observations().size());

        agent.tick();
        long next = current.header().nextSequence();
        var sample = assertInstanceOf(AgentResponse.Streams.class, client.sample(Vmc3Axis.NAME, next, 2));
        assertEquals(List.of(next, next + 1), sample.observations().stream().map(Observation::sequence).toList());
        assertEquals(next + 2, sample.header().nextSequence());
    }

    @Test
    void streamsPartsAsTheyArriveHeartbeatsIncluded() throws Exception {
        long from = agent.lastSequence() + 1;
        List<AgentResponse> documents = new ArrayList<>();
        List<Closeable> opened = new ArrayList<>();
        client.stream(Vmc3Axis.NAME, from, new AgentClient.StreamParameters(10, 50, 50),
                new AgentClient.StreamListener() {
                    @Override
                    public void opened(Closeable stream) {
                        opened.add(stream);
                    }

                    @Override
                    public boolean onDocument(AgentResponse document) {
                        documents.add(document);
                        if (documents.size() == 2) {
                            agent.injectRaw(Vmc3Axis.PROGRAM, "O42"); // arrives in a later part of this stream
                        }
                        return documents.stream().noneMatch(d -> d instanceof AgentResponse.Streams s
                                && !s.observations().isEmpty());
                    }

                    @Override
                    public void onUnreadablePart(MalformedDocumentException cause) {
                        throw new AssertionError(cause);
                    }
                });
        assertEquals(1, opened.size());
        var heartbeat = (AgentResponse.Streams) documents.get(0);
        assertTrue(heartbeat.observations().isEmpty(), "nothing new yet: heartbeats");
        assertEquals(from, heartbeat.header().nextSequence());
        var data = (AgentResponse.Streams) documents.get(documents.size() - 1);
        assertEquals("O42", data.observations().get(0).value());
        assertEquals(from, data.observations().get(0).sequence());
    }

    @Test
    void aFromOutsideTheBufferGivesTheAgentsErrorDocument() throws Exception {
        for (int i = 0; i < 40; i++) {
            agent.tick();
        }
        List<AgentResponse> documents = new ArrayList<>();
        client.stream(Vmc3Axis.NAME, 1, new AgentClient.StreamParameters(10, 50, 50),
                new AgentClient.StreamListener() {
                    @Override
                    public void opened(Closeable stream) {
                        throw new AssertionError("not a stream");
                    }

                    @Override
                    public boolean onDocument(AgentResponse document) {
                        documents.add(document);
                        return true;
                    }

                    @Override
                    public void onUnreadablePart(MalformedDocumentException cause) {
                        throw new AssertionError(cause);
                    }
                });
        var errors = assertInstanceOf(AgentResponse.Errors.class, documents.get(0));
        assertTrue(errors.has("OUT_OF_RANGE"), errors.describe());
        assertFalse(errors.header().hasSequences());
    }
}
