package org.openfactory.ingestion.southbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.MqttConnection;
import org.openfactory.registry.asset.MqttSource;

class PendingResponsesTest {

    private static final DataItemDefinition RELAY = new DataItemDefinition("relay", Category.EVENT,
            ValueType.BOOLEAN, null, null, true, new MqttSource("m/relay", null, "m/relay/set"));
    private static final AssetDefinition ASSET = new AssetDefinition("meter-1", "a/b/c/d/e/meter-1", "EnergyMeter",
            new MqttConnection("tcp://127.0.0.1:1883", MqttConnection.Format.JSON), List.of(RELAY));

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final PendingResponses pending = new PendingResponses(timer);

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void anAnsweredCommandIsTakenOnceAndItsTimeoutDisarmed() throws Exception {
        PendingResponses.Pending p = pending.register(command("c-1"), "m/relay/set", Duration.ofMillis(200));
        assertEquals(1, pending.size());
        PendingResponses.Pending taken = pending.take("c-1").orElseThrow();
        taken.result().complete(List.of());
        assertTrue(pending.take("c-1").isEmpty(), "a second answer finds nothing");
        Thread.sleep(400);
        assertEquals(List.of(), p.result().get(), "the timeout did not override the answer");
        assertEquals(0, pending.size());
    }

    @Test
    void silenceFailsTheCommandWithDeviceErrorAndALateAnswerFindsNothing() {
        PendingResponses.Pending p = pending.register(command("c-2"), "m/relay/set", Duration.ofMillis(100));
        ExecutionException e = assertThrows(ExecutionException.class, () -> p.result().get(5, TimeUnit.SECONDS));
        CommandRejectedException rejected = assertInstanceOf(CommandRejectedException.class, e.getCause());
        assertEquals(FailureCode.DEVICE_ERROR, rejected.code());
        assertEquals("asset meter-1: no response within 100 ms to the command on m/relay/set for relay",
                rejected.getMessage());
        assertTrue(pending.take("c-2").isEmpty());
    }

    @Test
    void aDuplicateCorrelationIdIsRefusedAndFailAllEndsEveryWaitingCommand() {
        PendingResponses.Pending p = pending.register(command("c-3"), "m/relay/set", Duration.ofSeconds(30));
        assertThrows(CommandRejectedException.class,
                () -> pending.register(command("c-3"), "m/relay/set", Duration.ofSeconds(30)));
        pending.failAll(FailureCode.OUTCOME_UNKNOWN, "stopped");
        ExecutionException e = assertThrows(ExecutionException.class, () -> p.result().get(1, TimeUnit.SECONDS));
        assertEquals(FailureCode.OUTCOME_UNKNOWN, ((CommandRejectedException) e.getCause()).code());
        assertEquals(0, pending.size());
    }

    private static DeviceCommand command(String id) {
        return new DeviceCommand(id, ASSET, RELAY, List.of(new Value.Bool(true)));
    }
}
