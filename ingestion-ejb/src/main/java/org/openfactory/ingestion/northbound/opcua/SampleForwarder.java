package org.openfactory.ingestion.northbound.opcua;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the data changes of one monitored item into samples for the sink. Runs inside Milo's delivery callback, so
 * it never throws: a bad value or a failing sink is logged and that one change is dropped.
 */
final class SampleForwarder implements OpcUaMonitoredItem.DataValueListener {

    private static final Logger LOG = LoggerFactory.getLogger(SampleForwarder.class);

    private final String assetId;
    private final NodeBinding binding;
    private final URI source;
    private final SampleSink sink;
    /** Warn once per run of bad values, not on every change of a misconfigured item. */
    private final AtomicBoolean warned = new AtomicBoolean();

    SampleForwarder(String assetId, NodeBinding binding, URI source, SampleSink sink) {
        this.assetId = assetId;
        this.binding = binding;
        this.source = source;
        this.sink = sink;
    }

    @Override
    public void onDataReceived(OpcUaMonitoredItem monitoredItem, DataValue dataValue) {
        DataItemDefinition item = binding.item();
        Value value;
        try {
            value = VariantConverter.convert(dataValue, item.valueType());
        } catch (UnconvertibleValueException e) {
            String message = "Asset {}: data item {} (node {}) skipped value {}: declared type is {}";
            Object[] args = {assetId, item.id(), binding.nodeId().toParseableString(),
                    UnconvertibleValueException.describe(e.value()), e.declaredType()};
            if (warned.compareAndSet(false, true)) {
                LOG.warn(message, args);
            } else {
                LOG.debug(message, args);
            }
            return;
        }
        Optional<String> outOfRange = item.rangeProblem(value);
        if (outOfRange.isPresent()) {
            String message = "Asset {}: data item {} (node {}) not published: {}";
            Object[] args = {assetId, item.id(), binding.nodeId().toParseableString(), outOfRange.get()};
            if (warned.compareAndSet(false, true)) {
                LOG.warn(message, args);
            } else {
                LOG.debug(message, args);
            }
            return;
        }
        warned.set(false);
        try {
            sink.accept(source, new SampleObserved(assetId, item.id(), item.category(), value, item.units(),
                    observedAt(dataValue)));
        } catch (RuntimeException e) {
            LOG.error("Asset {}: sample of data item {} was lost, the sink failed", assetId, item.id(), e);
        }
    }

    /** The device's own time if it gave one, else the server's, else ours. */
    static Instant observedAt(DataValue dataValue) {
        if (dataValue != null) {
            for (DateTime time : new DateTime[] {dataValue.sourceTime(), dataValue.serverTime()}) {
                if (time != null && !time.isNull() && time.isValid()) {
                    return time.getJavaInstant();
                }
            }
        }
        return Instant.now();
    }
}
