package org.openfactory.ingestion.northbound.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.registry.asset.AssetDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The event side of an asset's subscription: one event item per CONDITION data item ({@link EventBinding}), and
 * ConditionRefresh so that the current alarm states arrive after every (re)subscribe.
 */
final class EventItems {

    private static final Logger LOG = LoggerFactory.getLogger(EventItems.class);
    /** Events are queued on the device between publishes; a burst of alarms must not overflow. */
    private static final int EVENT_QUEUE_SIZE = 100;

    private final AssetDefinition asset;
    private final URI source;
    private final SampleSink sink;
    private final Duration requestTimeout;
    private final Consumer<Runnable> worker;
    private final List<EventBinding> bindings;
    private final AtomicBoolean refreshFailureReported = new AtomicBoolean();

    /**
     * @param worker runs a task on the connector's worker thread (a refresh the device asks for)
     */
    EventItems(AssetDefinition asset, URI source, SampleSink sink, Duration requestTimeout,
               Consumer<Runnable> worker) {
        this.asset = asset;
        this.source = source;
        this.sink = sink;
        this.requestTimeout = requestTimeout;
        this.worker = worker;
        this.bindings = EventBinding.of(asset);
    }

    boolean isEmpty() {
        return bindings.isEmpty();
    }

    int size() {
        return bindings.size();
    }

    /** Adds an event item per binding to a new subscription of {@code client}. */
    void addTo(OpcUaSubscription subscription, OpcUaClient client) {
        var typeNames = new EventTypeNames(client);
        Runnable refreshRequired = () -> worker.accept(() -> refresh(client, subscription));
        for (EventBinding binding : bindings) {
            OpcUaMonitoredItem item = OpcUaMonitoredItem.newEventItem(binding.nodeId(), EventFields.filter());
            item.setQueueSize(uint(EVENT_QUEUE_SIZE));
            item.setUserObject(binding);
            item.setEventValueListener(new EventForwarder(asset.id(), binding, source, sink, typeNames::browseName,
                    refreshRequired));
            subscription.addMonitoredItem(item);
        }
    }

    /**
     * Asks the device to send the current state of its retained conditions to {@code subscription} (OPC UA
     * ConditionRefresh). Blocks up to the request timeout; a device without it is logged once and still works,
     * its alarms then arrive with their next change.
     */
    void refresh(OpcUaClient client, OpcUaSubscription subscription) {
        UInteger subscriptionId = subscription.getSubscriptionId().orElse(null);
        if (bindings.isEmpty() || subscriptionId == null) {
            return;
        }
        StatusCode status;
        try {
            status = client.callAsync(List.of(new CallMethodRequest(NodeIds.ConditionType,
                            NodeIds.ConditionType_ConditionRefresh, new Variant[] {new Variant(subscriptionId)})))
                    .get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getResults()[0].getStatusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            reportRefreshFailure(OpcUaConnector.describe(e));
            return;
        }
        if (status.isGood()) {
            refreshFailureReported.set(false);
            LOG.debug("Asset {}: ConditionRefresh requested for subscription {}", asset.id(), subscriptionId);
        } else {
            reportRefreshFailure(status.toString());
        }
    }

    private void reportRefreshFailure(String cause) {
        LOG.atLevel(refreshFailureReported.compareAndSet(false, true) ? Level.WARN : Level.DEBUG).log(
                "Asset {}: ConditionRefresh failed, conditions {} show alarm states from their next change on: {}",
                asset.id(), bindings.stream().map(b -> b.item().id()).toList(), cause);
    }
}
