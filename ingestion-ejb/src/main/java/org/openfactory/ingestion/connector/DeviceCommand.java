package org.openfactory.ingestion.connector;

import java.util.List;
import java.util.Objects;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;

/**
 * A checked command for a connector: the target is a data item of the asset, writable or a METHOD, and the
 * arguments fit it (a write has exactly one argument of the data item's value type).
 */
public record DeviceCommand(String correlationId, AssetDefinition asset, DataItemDefinition target,
                            List<Value> arguments) {

    public DeviceCommand {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(target, "target");
        arguments = List.copyOf(arguments);
    }

    public boolean isMethodCall() {
        return target.category() == Category.METHOD;
    }

    /** The value of a write. */
    public Value value() {
        if (isMethodCall() || arguments.size() != 1) {
            throw new IllegalStateException("command " + correlationId + " is not a write of one value");
        }
        return arguments.get(0);
    }

    /** For logs and reasons: {@code <assetId>/<dataItemId>}. */
    public String describeTarget() {
        return asset.id() + "/" + target.id();
    }
}
