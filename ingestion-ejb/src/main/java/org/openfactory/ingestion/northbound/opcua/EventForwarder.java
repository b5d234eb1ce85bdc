package org.openfactory.ingestion.northbound.opcua;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the events of one event item into condition samples ({@link ConditionMapper}), in the order the device
 * sent them. Runs inside Milo's delivery callback, so it never blocks and never throws: an event that cannot be
 * mapped is logged and skipped.
 *
 * <p>ConditionRefresh: the device sends RefreshStart, the current state of each retained condition, RefreshEnd. If
 * none came in between, no condition is active any more (it may have cleared while we were away), so the item
 * becomes NORMAL unless it already is.
 */
final class EventForwarder implements OpcUaMonitoredItem.EventValueListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventForwarder.class);

    private final String assetId;
    private final EventBinding binding;
    private final URI source;
    private final SampleSink sink;
    private final Function<NodeId, CompletionStage<String>> typeNames;
    private final Runnable refreshRequired;
    /** Warn once per run of bad events, not on every event of a misbehaving device. */
    private final AtomicBoolean warned = new AtomicBoolean();

    /** Each event is published after the previous one, even when its type name must be read first. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null); // guarded by this

    // Touched only by the tail chain, one event at a time.
    private boolean refreshing;
    private boolean conditionDuringRefresh;
    private ConditionLevel lastLevel;

    /**
     * @param typeNames       the browse name of an event type, e.g. {@link EventTypeNames#browseName}
     * @param refreshRequired asks the connector for a ConditionRefresh
     */
    EventForwarder(String assetId, EventBinding binding, URI source, SampleSink sink,
                   Function<NodeId, CompletionStage<String>> typeNames, Runnable refreshRequired) {
        this.assetId = assetId;
        this.binding = binding;
        this.source = source;
        this.sink = sink;
        this.typeNames = typeNames;
        this.refreshRequired = refreshRequired;
    }

    @Override
    public void onEventReceived(OpcUaMonitoredItem item, Variant[] values) {
        EventFields event;
        try {
            event = EventFields.parse(values);
        } catch (UnmappableEventException e) {
            String message = "Asset {}: condition {} (notifier {}) skipped an event: {}";
            Object[] args = {assetId, binding.item().id(), binding.nodeId().toParseableString(), e.getMessage()};
            if (warned.compareAndSet(false, true)) {
                LOG.warn(message, args);
            } else {
                LOG.debug(message, args);
            }
            return;
        }
        warned.set(false);
        if (event.isRefreshRequired()) {
            LOG.info("Asset {}: the device asks for a ConditionRefresh (condition {})", assetId, binding.item().id());
            refreshRequired.run();
            return;
        }
        boolean named = event.isRefreshStart() || event.isRefreshEnd()
                || event.conditionName() != null && !event.conditionName().isBlank();
        CompletionStage<String> typeName = named ? CompletableFuture.completedFuture(null)
                : typeNames.apply(event.eventType());
        synchronized (this) {
            tail = tail.thenCompose(previous -> typeName).handle((name, error) -> {
                try {
                    deliver(event, name != null ? name : event.eventType().toParseableString());
                } catch (RuntimeException e) {
                    // a failed stage would stop every later event of this item
                    LOG.error("Asset {}: condition {} skipped an event", assetId, binding.item().id(), e);
                }
                return null;
            });
        }
    }

    private void deliver(EventFields event, String typeName) {
        if (event.isRefreshStart()) {
            refreshing = true;
            conditionDuringRefresh = false;
        } else if (event.isRefreshEnd()) {
            refreshing = false;
            if (!conditionDuringRefresh && lastLevel != ConditionLevel.NORMAL) {
                publish(new Value.Condition(ConditionLevel.NORMAL, null, null), event.time());
            }
        } else {
            conditionDuringRefresh |= refreshing;
            publish(ConditionMapper.map(event, typeName), event.time());
        }
    }

    private void publish(Value.Condition condition, Instant observedAt) {
        DataItemDefinition item = binding.item();
        try {
            sink.accept(source, new SampleObserved(assetId, item.id(), item.category(), condition, item.units(),
                    observedAt));
            lastLevel = condition.level();
        } catch (RuntimeException e) {
            LOG.error("Asset {}: condition {} was lost, the sink failed", assetId, item.id(), e);
        }
    }
}
