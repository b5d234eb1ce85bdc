package org.openfactory.ingestion.northbound.mtconnect;

import java.io.Closeable;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.MtConnectConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading one device from its agent, on the connector's reading thread: the probe (which data items exist), a
 * {@code /current} baseline, then the sample stream from the baseline's nextSequence, resumed after a drop from where
 * it stopped. A restarted agent (new instanceId) or a position that fell out of the agent's buffer means a new
 * baseline. Each {@link #readOnce()} does one stream, so the connector can pause between attempts.
 */
final class AgentSession {

    /** How one read ended, when it did not fail. */
    enum Outcome {
        /** The stream ended (dropped by the agent or the network, or reopened as silent); resume from the position. */
        STREAM_ENDED,
        /** The position is void (agent restarted or data lost); read a new baseline right away. */
        RESYNC
    }

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);

    private final AssetDefinition asset;
    private final String configuredDevice;
    private final AgentClient client;
    private final DataItemBindings declared;
    private final SamplePublisher publisher;
    private final StreamWatch watch;
    private final MtConnectConnectorSettings settings;
    private final SequenceTracker tracker = new SequenceTracker();

    private DeviceModel device;
    private Map<String, List<DataItemBinding>> bindings = Map.of();
    private long bufferSize = Long.MAX_VALUE;
    /** The sequence a lost stretch of observations starts at, until the next baseline reports the gap. */
    private Long gapFrom;
    private Outcome streamOutcome;
    private IOException streamFailure;
    private int partsInStream;

    AgentSession(AssetDefinition asset, AgentClient client, SamplePublisher publisher, StreamWatch watch,
                 MtConnectConnectorSettings settings) {
        this.asset = asset;
        this.configuredDevice = ((MtConnectConnection) asset.connector()).device();
        this.client = client;
        this.declared = new DataItemBindings(asset);
        this.publisher = publisher;
        this.watch = watch;
        this.settings = settings;
    }

    int declaredItems() {
        return declared.declaredCount();
    }

    /** Whether the last stream delivered at least one part: the agent was reachable and serving. */
    boolean lastStreamDelivered() {
        return partsInStream > 0;
    }

    /** Reads a baseline if there is none, then streams until the stream ends. */
    Outcome readOnce() throws IOException, InterruptedException, MalformedDocumentException {
        partsInStream = 0;
        if (!tracker.hasBaseline()) {
            if (device == null) {
                probe();
            }
            baseline();
        }
        return stream();
    }

    // ---- probe and baseline ----

    private void probe() throws IOException, InterruptedException, MalformedDocumentException {
        ProbeDocument probe = client.probe();
        device = probe.device(configuredDevice).orElseThrow(() -> new IOException("the agent has no device named '"
                + configuredDevice + "' (by name or uuid); it has " + probe.devices().stream()
                .map(DeviceModel::name).toList()));
        bindings = declared.resolve(device, client.agentUrl());
        if (probe.header().bufferSize() != null) {
            bufferSize = probe.header().bufferSize();
        }
        LOG.info("Asset {}: agent {} device {} (uuid {}): {} of {} data items found", asset.id(), client.agentUrl(),
                device.name(), device.uuid(), bindings.values().stream().mapToInt(List::size).sum(),
                declared.declaredCount());
    }

    /** Publishes the latest value of every bound data item and continues from there. */
    private void baseline() throws IOException, InterruptedException, MalformedDocumentException {
        AgentResponse response = client.current(device.name());
        if (response instanceof AgentResponse.Errors errors) {
            throw new AgentErrorException(client.agentUrl() + "/" + device.name() + "/current", errors);
        }
        AgentResponse.Streams current = (AgentResponse.Streams) response;
        tracker.baseline(current.header());
        if (current.header().bufferSize() != null) {
            bufferSize = current.header().bufferSize();
        }
        if (gapFrom != null && current.header().nextSequence() < gapFrom) {
            LOG.warn("Asset {}: agent {} is at sequence {}, behind the {} already read, under the same instanceId {} "
                    + "(its numbering started over); resynchronised from /current", asset.id(), client.agentUrl(),
                    current.header().nextSequence(), gapFrom, tracker.instanceId());
            gapFrom = null;
        }
        if (gapFrom != null) {
            long next = current.header().nextSequence();
            LOG.warn("Asset {}: agent {} no longer had observations {} to {} in its buffer (first is {}): a gap of "
                    + "{} observations; resynchronised from /current, which gave the latest value of each data item",
                    asset.id(), client.agentUrl(), gapFrom, next - 1, current.header().firstSequence(),
                    next - gapFrom);
            gapFrom = null;
        }
        current.observations().stream().sorted(Comparator.comparingLong(Observation::sequence))
                .forEach(this::publish);
        LOG.info("Asset {}: baseline from {}/{}/current (instanceId {}), streaming from sequence {}", asset.id(),
                client.agentUrl(), device.name(), tracker.instanceId(), tracker.nextSequence());
    }

    // ---- streaming ----

    private Outcome stream() throws IOException, InterruptedException {
        streamOutcome = Outcome.STREAM_ENDED;
        streamFailure = null;
        var parameters = new AgentClient.StreamParameters(settings.interval().toMillis(),
                settings.heartbeat().toMillis(), (int) Math.min(settings.count(), bufferSize));
        try {
            client.stream(device.name(), tracker.nextSequence(), parameters, new Listener());
        } finally {
            watch.ended();
        }
        if (streamFailure != null) {
            throw streamFailure;
        }
        return streamOutcome;
    }

    private final class Listener implements AgentClient.StreamListener {

        @Override
        public void opened(Closeable stream) {
            watch.opened(stream);
            LOG.debug("Asset {}: streaming from {} at sequence {}", asset.id(), client.agentUrl(),
                    tracker.nextSequence());
        }

        @Override
        public boolean onDocument(AgentResponse document) {
            watch.partArrived();
            partsInStream++;
            return take(document);
        }

        @Override
        public void onUnreadablePart(MalformedDocumentException cause) {
            watch.partArrived();
            partsInStream++;
            LOG.warn("Asset {}: skipped an unreadable part of the stream from {} (its data items are unknown): {}",
                    asset.id(), client.agentUrl(), cause.getMessage());
        }
    }

    /** @return whether to keep reading the stream */
    private boolean take(AgentResponse document) {
        SequenceTracker.Verdict verdict = tracker.check(document.header());
        if (verdict == SequenceTracker.Verdict.RESTARTED) {
            LOG.warn("Asset {}: agent {} restarted (instanceId {} -> {}); taking /current as the new baseline",
                    asset.id(), client.agentUrl(), tracker.instanceId(), document.header().instanceId());
            tracker.reset();
            device = null; // its device model may have changed too
            streamOutcome = Outcome.RESYNC;
            return false;
        }
        if (document instanceof AgentResponse.Errors errors) {
            if (errors.has("OUT_OF_RANGE")) {
                return lost(tracker.nextSequence());
            }
            streamFailure = new AgentErrorException(client.agentUrl() + " sample stream", errors);
            return false;
        }
        if (verdict == SequenceTracker.Verdict.OUT_OF_BUFFER) {
            return lost(tracker.nextSequence());
        }
        AgentResponse.Streams streams = (AgentResponse.Streams) document;
        streams.observations().stream().sorted(Comparator.comparingLong(Observation::sequence))
                .filter(o -> tracker.accept(o.sequence()))
                .forEach(this::publish);
        tracker.advance(streams.header());
        return true;
    }

    private boolean lost(long from) {
        gapFrom = from;
        tracker.reset();
        streamOutcome = Outcome.RESYNC;
        return false;
    }

    private void publish(Observation observation) {
        for (DataItemBinding binding : bindings.getOrDefault(observation.dataItemId(), List.of())) {
            publisher.publish(binding, observation);
        }
    }
}
