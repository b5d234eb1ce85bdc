package org.openfactory.ingestion.southbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openfactory.embedded.kafka.KafkaBroker;
import org.openfactory.ingestion.connector.CommandRejectedException;
import org.openfactory.ingestion.connector.Connector;
import org.openfactory.ingestion.connector.DeviceCommand;
import org.openfactory.ingestion.log.EventLogWriter;
import org.openfactory.model.command.CommandAccepted;
import org.openfactory.model.command.CommandCompleted;
import org.openfactory.model.command.CommandExpired;
import org.openfactory.model.command.CommandFailed;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.model.command.CommandResult;
import org.openfactory.model.command.FailureCode;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.kafka.EventRecords;
import org.openfactory.model.kafka.TopicLayout;
import org.openfactory.model.kafka.Topics;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.AssetDefinition;

/**
 * Commands over a real broker: results on the log, at-most-once execution across redelivery and restarts. The
 * connector is a scripted stand-in here: each protocol's own tests execute commands on real simulated devices.
 */
class CommandExecutionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final URI ISSUER_SOURCE = URI.create("/openfactory/test/graphql");

    @TempDir
    static Path dataDir;
    static KafkaBroker kafka;
    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaBroker.startOnFreePorts(dataDir);
        TopicLayout.singleBroker().ensure(kafka.bootstrapServers(), 30_000);
        producer = new KafkaProducer<>(EventRecords.producerProperties(kafka.bootstrapServers(), "test-issuer"));
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        kafka.close();
    }

    /** A device stand-in that records what it was asked and answers by a script. */
    static final class ScriptedConnector implements Connector {
        final List<DeviceCommand> executed = new CopyOnWriteArrayList<>();
        volatile Function<DeviceCommand, CompletionStage<List<Value>>> script =
                c -> CompletableFuture.completedFuture(List.of());

        public void start() {
        }

        public boolean isConnected() {
            return true;
        }

        public CompletionStage<List<Value>> execute(DeviceCommand command) {
            executed.add(command);
            return script.apply(command);
        }

        public void close() {
        }
    }

    /** A dispatcher and consumer as the supervisor runs them, with its own group and journal. */
    final class Platform implements AutoCloseable {
        final EventLogWriter writer = new EventLogWriter(kafka.bootstrapServers(), "test-ingestion",
                Clock.systemUTC());
        final CommandConsumer consumer;
        final Thread thread;

        Platform(String group, ScriptedConnector connector, Duration timeout) {
            CommandDispatcher.Assets assets = new CommandDispatcher.Assets() {
                public Optional<AssetDefinition> definition(String assetId) {
                    return Optional.of(CommandValidatorTest.TC).filter(a -> a.id().equals(assetId));
                }

                public Optional<Connector> connector(String assetId) {
                    return Optional.<Connector>of(connector).filter(c -> assetId.equals("tc-1"));
                }
            };
            CommandJournal journal = new CommandJournal();
            CommandDispatcher dispatcher = new CommandDispatcher(URI.create("/openfactory/test/commands"), assets,
                    writer, journal, Clock.systemUTC(), timeout);
            consumer = new CommandConsumer(kafka.bootstrapServers(), group, dispatcher, journal);
            thread = new Thread(consumer, "command-consumer-" + group);
            thread.start();
        }

        @Override
        public void close() throws Exception {
            consumer.close();
            thread.join(10_000);
            writer.close();
        }
    }

    private static CommandIssued command(String id, String assetId, String target, Value... arguments) {
        Instant now = Instant.now();
        return new CommandIssued(id, assetId, target, List.of(arguments), "alice", now, now.plusSeconds(60));
    }

    private static void issue(CommandIssued command) throws Exception {
        byte[] value = EventCodecs.COMMAND.encode(EventCodecs.COMMAND.envelope(ISSUER_SOURCE, command,
                Instant.now()));
        producer.send(EventRecords.record(Topics.COMMANDS, command.assetId(), value)).get();
    }

    private static void appendResult(CommandResult result) throws Exception {
        byte[] value = EventCodecs.COMMAND_RESULT.encode(EventCodecs.COMMAND_RESULT.envelope(ISSUER_SOURCE, result,
                Instant.now()));
        producer.send(EventRecords.record(Topics.COMMAND_RESULTS, result.assetId(), value)).get();
    }

    /** All results of a command on the log, waiting until {@code done} holds for them. */
    private static List<CommandResult> resultsOf(String correlationId, Predicate<List<CommandResult>> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        List<CommandResult> found = List.of();
        while (Instant.now().isBefore(deadline)) {
            found = readResults(correlationId);
            if (done.test(found)) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("results of " + correlationId + " did not arrive in time; got " + found);
    }

    private static List<CommandResult> readResults(String correlationId) {
        Properties props = EventRecords.replayConsumerProperties(kafka.bootstrapServers(), "test-reader");
        List<CommandResult> results = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.COMMAND_RESULTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    CommandResult result = EventCodecs.COMMAND_RESULT.decode(record.value()).payload();
                    if (result.correlationId().equals(correlationId)) {
                        results.add(result);
                    }
                }
            }
        }
        return results;
    }

    private static Predicate<List<CommandResult>> hasFinal() {
        return results -> results.stream().anyMatch(CommandResult::isFinal);
    }

    @Test
    void anAcceptedWriteCompletesAndItsResultsCarryTheCorrelationId() throws Exception {
        ScriptedConnector device = new ScriptedConnector();
        try (Platform platform = new Platform("g-complete", device, Duration.ofSeconds(5))) {
            issue(command("w-1", "tc-1", "setpoint", new Value.Integer(75)));
            List<CommandResult> results = resultsOf("w-1", hasFinal());
            assertInstanceOf(CommandAccepted.class, results.get(0));
            CommandCompleted completed = assertInstanceOf(CommandCompleted.class, results.get(1));
            assertEquals("setpoint", completed.target());
            assertEquals(1, device.executed.size());
            assertEquals(new Value.Number(75.0), device.executed.get(0).value());
        }
    }

    @Test
    void aMethodCompletesWithItsOutputs() throws Exception {
        ScriptedConnector device = new ScriptedConnector();
        device.script = c -> CompletableFuture.completedFuture(List.of(new Value.Text("MANUAL")));
        try (Platform platform = new Platform("g-method", device, Duration.ofSeconds(5))) {
            issue(command("m-1", "tc-1", "setMode", new Value.Text("AUTO")));
            CommandCompleted completed = assertInstanceOf(CommandCompleted.class,
                    resultsOf("m-1", hasFinal()).get(1));
            assertEquals(List.of(new Value.Text("MANUAL")), completed.outputs());
        }
    }

    @Test
    void refusedCommandsGetAResultAndNeverReachTheDevice() throws Exception {
        ScriptedConnector device = new ScriptedConnector();
        try (Platform platform = new Platform("g-refused", device, Duration.ofSeconds(5))) {
            issue(command("r-asset", "tc-9", "setpoint", new Value.Number(1)));
            issue(command("r-target", "tc-1", "speed", new Value.Number(1)));
            issue(command("r-readonly", "tc-1", "temperature", new Value.Number(1)));
            issue(command("r-type", "tc-1", "setpoint", new Value.Bool(true)));
            Instant past = Instant.now().minusSeconds(120);
            issue(new CommandIssued("r-expired", "tc-1", "setpoint", List.of(new Value.Number(1)), "alice", past,
                    past.plusSeconds(60)));
            assertEquals(FailureCode.UNKNOWN_ASSET, failure("r-asset").code());
            assertEquals(FailureCode.UNKNOWN_TARGET, failure("r-target").code());
            assertEquals(FailureCode.READ_ONLY, failure("r-readonly").code());
            assertEquals(FailureCode.BAD_ARGUMENTS, failure("r-type").code());
            List<CommandResult> expired = resultsOf("r-expired", hasFinal());
            assertEquals(1, expired.size(), "an expired command is never accepted: " + expired);
            assertInstanceOf(CommandExpired.class, expired.get(0));
            assertTrue(device.executed.isEmpty(), "refused commands reached the device: " + device.executed);
        }
    }

    private static CommandFailed failure(String correlationId) throws InterruptedException {
        List<CommandResult> results = resultsOf(correlationId, hasFinal());
        assertEquals(1, results.size(), "a refused command gets exactly one result: " + results);
        return assertInstanceOf(CommandFailed.class, results.get(0));
    }

    @Test
    void aDeviceErrorBecomesCommandFailedWithItsReason() throws Exception {
        ScriptedConnector device = new ScriptedConnector();
        device.script = c -> CompletableFuture.failedFuture(new CommandRejectedException(FailureCode.DEVICE_ERROR,
                "tc-1/setpoint: BadNotWritable"));
        try (Platform platform = new Platform("g-device-error", device, Duration.ofSeconds(5))) {
            issue(command("e-1", "tc-1", "setpoint", new Value.Number(5)));
            CommandFailed failed = assertInstanceOf(CommandFailed.class, resultsOf("e-1", hasFinal()).get(1));
            assertEquals(FailureCode.DEVICE_ERROR, failed.code());
            assertEquals("tc-1/setpoint: BadNotWritable", failed.reason());
        }
    }

    @Test
    void aDeviceThatNeverAnswersGivesOutcomeUnknown() throws Exception {
        ScriptedConnector device = new ScriptedConnector();
        device.script = c -> new CompletableFuture<>();
        try (Platform platform = new Platform("g-timeout", device, Duration.ofMillis(300))) {
            issue(command("t-1", "tc-1", "setpoint", new Value.Number(5)));
            CommandFailed failed = assertInstanceOf(CommandFailed.class, resultsOf("t-1", hasFinal()).get(1));
            assertEquals(FailureCode.OUTCOME_UNKNOWN, failed.code());
            assertTrue(failed.reason().contains("within 300 ms"), failed.reason());
        }
    }

    @Test
    void aCommandDeliveredTwiceIsExecutedOnce() throws Exception {
        ScriptedConnector device = new ScriptedConnector();
        try (Platform platform = new Platform("g-twice", device, Duration.ofSeconds(5))) {
            CommandIssued once = command("d-1", "tc-1", "setpoint", new Value.Number(42));
            issue(once);
            issue(once);
            issue(command("d-2", "tc-1", "setpoint", new Value.Number(43))); // a marker behind both copies
            resultsOf("d-2", hasFinal());
            assertEquals(2, resultsOf("d-1", hasFinal()).size(), "one Accepted, one Completed");
            assertEquals(List.of("d-1", "d-2"), device.executed.stream().map(DeviceCommand::correlationId).toList());
        }
    }

    @Test
    void aRestartedPlatformDoesNotExecuteAgainEvenWithoutItsCommittedOffsets() throws Exception {
        ScriptedConnector first = new ScriptedConnector();
        try (Platform platform = new Platform("g-restart-a", first, Duration.ofSeconds(5))) {
            issue(command("x-1", "tc-1", "setpoint", new Value.Number(10)));
            resultsOf("x-1", hasFinal());
        }
        // a new group re-reads the whole command topic: only the journal stands between it and a second execution
        ScriptedConnector second = new ScriptedConnector();
        try (Platform platform = new Platform("g-restart-b", second, Duration.ofSeconds(5))) {
            issue(command("x-2", "tc-1", "setpoint", new Value.Number(11)));
            resultsOf("x-2", hasFinal());
            assertEquals(List.of("x-2"), second.executed.stream()
                    .map(DeviceCommand::correlationId).filter(id -> id.startsWith("x-")).toList());
        }
    }

    @Test
    void aCommandAcceptedBeforeACrashIsClosedAsOutcomeUnknownAndNotRetried() throws Exception {
        CommandIssued command = command("k-1", "tc-1", "setpoint", new Value.Number(12));
        issue(command);
        appendResult(new CommandAccepted("k-1", "tc-1", "setpoint", Instant.now())); // the crashed run's last word
        ScriptedConnector device = new ScriptedConnector();
        try (Platform platform = new Platform("g-crash", device, Duration.ofSeconds(5))) {
            List<CommandResult> results = resultsOf("k-1", hasFinal());
            assertEquals(2, results.size(), results.toString());
            CommandFailed failed = assertInstanceOf(CommandFailed.class, results.get(1));
            assertEquals(FailureCode.OUTCOME_UNKNOWN, failed.code());
            issue(command("k-2", "tc-1", "setpoint", new Value.Number(13)));
            resultsOf("k-2", hasFinal());
            assertTrue(device.executed.stream().noneMatch(c -> c.correlationId().equals("k-1")));
        }
    }

    @Test
    void aMalformedCommandRecordIsSkippedAndTheNextOneExecutes() throws Exception {
        ScriptedConnector device = new ScriptedConnector();
        try (Platform platform = new Platform("g-malformed", device, Duration.ofSeconds(5))) {
            producer.send(EventRecords.record(Topics.COMMANDS, "tc-1", "{not json".getBytes())).get();
            issue(command("ok-1", "tc-1", "setpoint", new Value.Number(14)));
            assertInstanceOf(CommandCompleted.class, resultsOf("ok-1", hasFinal()).get(1));
        }
    }
}
