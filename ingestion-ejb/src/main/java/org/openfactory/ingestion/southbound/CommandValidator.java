package org.openfactory.ingestion.southbound;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.CommandExpired;
import org.openfactory.model.command.CommandFailed;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;

/**
 * Checks a command against the registry before any connector sees it: expiry, asset, target, writability, argument
 * count, types and limits. Every refusal names the asset, the target and what is wrong. An INTEGER argument is
 * widened for a DOUBLE item; nothing else is converted.
 */
public final class CommandValidator {

    private CommandValidator() {
    }

    /**
     * @param asset the asset's current definition, empty when it is not registered or was retired
     */
    public static CommandCheck check(CommandIssued command, Optional<AssetDefinition> asset, Instant now) {
        if (command.isExpiredAt(now)) {
            return new CommandCheck.Refused(new CommandExpired(command.correlationId(), command.assetId(),
                    command.target(), command.expiresAt(), now));
        }
        if (asset.isEmpty()) {
            return refuse(command, FailureCode.UNKNOWN_ASSET,
                    "asset '" + command.assetId() + "' is not registered", now);
        }
        Optional<DataItemDefinition> target = asset.get().dataItem(command.target());
        if (target.isEmpty()) {
            return refuse(command, FailureCode.UNKNOWN_TARGET, "asset '" + command.assetId()
                    + "' has no data item '" + command.target() + "' (it has: " + ids(asset.get()) + ")", now);
        }
        DataItemDefinition item = target.get();
        if (item.category() == Category.METHOD) {
            return pass(command, asset.get(), item, command.arguments());
        }
        if (!item.writable() || item.category() == Category.CONDITION) {
            return refuse(command, FailureCode.READ_ONLY, "data item " + command.subject() + " is read-only", now);
        }
        if (command.arguments().size() != 1) {
            return refuse(command, FailureCode.BAD_ARGUMENTS, "a write of " + command.subject()
                    + " takes exactly one value, got " + command.arguments().size(), now);
        }
        Value value = widen(command.arguments().get(0), item.valueType());
        if (value.type() != item.valueType()) {
            return refuse(command, FailureCode.BAD_ARGUMENTS, "data item " + command.subject() + " takes a "
                    + item.valueType() + ", got " + value.type() + " '" + value.text() + "'", now);
        }
        Optional<String> outside = item.rangeProblem(value);
        if (outside.isPresent()) {
            return refuse(command, FailureCode.BAD_ARGUMENTS, command.subject() + ": " + outside.get(), now);
        }
        return pass(command, asset.get(), item, List.of(value));
    }

    private static Value widen(Value value, ValueType wanted) {
        if (wanted == ValueType.DOUBLE && value instanceof Value.Integer i) {
            return new Value.Number(i.value());
        }
        return value;
    }

    private static CommandCheck pass(CommandIssued command, AssetDefinition asset, DataItemDefinition item,
                                     List<Value> arguments) {
        return new CommandCheck.Passed(new DeviceCommand(command.correlationId(), asset, item, arguments));
    }

    private static CommandCheck refuse(CommandIssued command, FailureCode code, String reason, Instant now) {
        return new CommandCheck.Refused(new CommandFailed(command.correlationId(), command.assetId(),
                command.target(), code, reason, now));
    }

    private static String ids(AssetDefinition asset) {
        return asset.dataItems().stream().map(DataItemDefinition::id).collect(Collectors.joining(", "));
    }
}
