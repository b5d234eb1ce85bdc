package org.openfactory.ingestion.southbound.mqtt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.northbound.mqtt.BadPayloadException;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.MqttConnection;
import org.openfactory.registry.asset.MqttSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands to an MQTT device by the MQTT v5 request/response pattern: the request goes to the data item's
 * {@code commandTopic} at QoS 1 with this connector's response topic and the command's correlation id as
 * correlation data; the device answers there with the same correlation data (see {@link DeviceResponse}).
 */
public final class MqttCommandPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(MqttCommandPublisher.class);

    private final String assetId;
    private final URI source;
    private final MqttConnection.Format format;
    private final String responseTopic;
    private final Duration timeout;
    private final Clock clock;
    private final PendingResponses pending;

    public MqttCommandPublisher(String assetId, URI source, MqttConnection.Format format, String responseTopic,
                                Duration timeout, Clock clock, PendingResponses pending) {
        this.assetId = assetId;
        this.source = source;
        this.format = format;
        this.responseTopic = responseTopic;
        this.timeout = timeout;
        this.clock = clock;
        this.pending = pending;
    }

    public String responseTopic() {
        return responseTopic;
    }

    /** Publishes the command; the result completes with the device's answer or fails on its error or silence. */
    public CompletionStage<List<Value>> publish(MqttAsyncClient client, DeviceCommand command) {
        String commandTopic = command.target().source() instanceof MqttSource mqtt ? mqtt.commandTopic() : null;
        if (commandTopic == null) {
            return CompletableFuture.failedFuture(new CommandRejectedException(FailureCode.DEVICE_ERROR,
                    "asset " + assetId + ": data item " + command.target().id() + " has no mqtt.commandTopic"));
        }
        PendingResponses.Pending waiting;
        try {
            waiting = pending.register(command, commandTopic, timeout);
        } catch (CommandRejectedException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) { // the timer is shut down: the connector is closing
            return CompletableFuture.failedFuture(new CommandRejectedException(FailureCode.NOT_CONNECTED,
                    "asset " + assetId + ": the connector is stopping", e));
        }
        MqttMessage request = CommandMessage.of(format, command, source, clock.instant(), responseTopic);
        try {
            client.publish(commandTopic, request, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.debug("Asset {}: broker accepted command {} on {}", assetId, command.correlationId(),
                            commandTopic);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    waiting.result().completeExceptionally(new CommandRejectedException(FailureCode.DEVICE_ERROR,
                            "asset " + assetId + ": the broker did not take the command on " + commandTopic + " for "
                                    + command.target().id() + ": " + failure, failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            waiting.result().completeExceptionally(new CommandRejectedException(
                    client.isConnected() ? FailureCode.DEVICE_ERROR : FailureCode.NOT_CONNECTED,
                    "asset " + assetId + ": cannot publish the command on " + commandTopic + " for "
                            + command.target().id() + ": " + e, e));
        }
        LOG.info("Asset {}: command {} for {} published on {}, answer expected on {} within {} ms", assetId,
                command.correlationId(), command.target().id(), commandTopic, responseTopic, timeout.toMillis());
        return waiting.result().copy();
    }

    /** A message on the response topic: completes the command it answers. Never throws. */
    public void onResponse(MqttMessage message) {
        byte[] correlation = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
        if (correlation == null) {
            LOG.warn("Asset {}: answer on {} ignored: it has no correlation data", assetId, responseTopic);
            return;
        }
        String correlationId = new String(correlation, StandardCharsets.UTF_8);
        Optional<PendingResponses.Pending> answered = pending.take(correlationId);
        if (answered.isEmpty()) {
            LOG.info("Asset {}: answer to command {} ignored: no such command is waiting (timed out already?)",
                    assetId, correlationId);
            return;
        }
        DeviceCommand command = answered.get().command();
        CompletableFuture<List<Value>> result = answered.get().result();
        String target = command.target().id() + " on " + answered.get().commandTopic();
        try {
            DeviceResponse response = DeviceResponse.parse(message.getPayload());
            if (!response.ok()) {
                LOG.info("Asset {}: device refused command {} for {}: {}", assetId, correlationId, target,
                        response.reason());
                result.completeExceptionally(new CommandRejectedException(FailureCode.DEVICE_ERROR,
                        "asset " + assetId + ": the device refused " + target + ": " + response.reason()));
                return;
            }
            List<Value> outputs = command.isMethodCall() ? response.outputsAs(command.target().valueType())
                    : List.of();
            LOG.info("Asset {}: command {} for {} done{}", assetId, correlationId, target,
                    outputs.isEmpty() ? "" : ", outputs " + outputs);
            result.complete(outputs);
        } catch (BadPayloadException e) {
            LOG.warn("Asset {}: malformed answer to command {} for {}: {}", assetId, correlationId, target,
                    e.getMessage());
            result.completeExceptionally(new CommandRejectedException(FailureCode.DEVICE_ERROR,
                    "asset " + assetId + ": malformed answer from the device to " + target + ": " + e.getMessage()));
        }
    }

    /** Fails the commands still waiting: the connector stops and will not see their answers. */
    public void close() {
        pending.failAll(FailureCode.OUTCOME_UNKNOWN, "the connector stopped before the device answered");
    }
}
