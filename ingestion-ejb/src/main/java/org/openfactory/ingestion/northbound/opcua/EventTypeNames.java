package org.openfactory.ingestion.northbound.opcua;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;

/**
 * The browse names of event types (e.g. {@code SystemEventType}), read from the device once per type. Never blocks:
 * event callbacks run on Milo's delivery thread. A failed read yields the type's node id and is tried again next time.
 */
final class EventTypeNames {

    private final OpcUaClient client;
    private final Map<NodeId, CompletableFuture<String>> names = new ConcurrentHashMap<>();

    EventTypeNames(OpcUaClient client) {
        this.client = client;
    }

    CompletionStage<String> browseName(NodeId eventType) {
        CompletableFuture<String> cached = names.get(eventType);
        if (cached != null) {
            return cached;
        }
        CompletableFuture<String> read = client
                .readAsync(0.0, TimestampsToReturn.Neither, List.of(new ReadValueId(eventType,
                        AttributeId.BrowseName.uid(), null, QualifiedName.NULL_VALUE)))
                .thenApply(response -> {
                    DataValue value = response.getResults()[0];
                    if (value.statusCode() != null && value.statusCode().isBad()
                            || !(value.value().value() instanceof QualifiedName name) || name.name() == null) {
                        throw new IllegalStateException("no browse name for " + eventType);
                    }
                    return name.name();
                });
        CompletableFuture<String> entry = read.exceptionally(e -> {
            names.remove(eventType);
            return eventType.toParseableString();
        });
        CompletableFuture<String> raced = names.putIfAbsent(eventType, entry);
        return raced != null ? raced : entry;
    }
}
