package org.openfactory.ingestion.northbound.modbus;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFileLoader;
import org.openfactory.registry.asset.DataItemDefinition;
import org.openfactory.registry.asset.Limits;
import org.openfactory.registry.asset.ModbusConnection;
import org.openfactory.registry.asset.ModbusSource;
import org.openfactory.simulator.modbus.PumpSimulator;

/**
 * The simulated pump on a free port and connectors to it, for the Modbus tests of both directions. The asset is the
 * example file {@code examples/assets/pump-1.yaml}, pointed at the test's port.
 */
public final class PumpFixture implements AutoCloseable {

    public static final String ASSET_ID = "pump-1";
    public static final URI SOURCE = URI.create("/openfactory/test/modbus/pump-1");
    public static final ModbusConnectorSettings SETTINGS = ModbusConnectorSettings.defaults()
            .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(400))
            .withRequestTimeout(Duration.ofSeconds(1));
    private static final Duration WAIT = Duration.ofSeconds(10);

    public final CollectingSink sink = new CollectingSink();
    public final int port;
    public PumpSimulator pump;
    private final List<ModbusConnector> connectors = new ArrayList<>();

    public PumpFixture() throws IOException {
        port = freePort();
        pump = newPump();
    }

    public PumpSimulator newPump() {
        return new PumpSimulator("127.0.0.1", port, 1, Duration.ofMillis(50), 5L);
    }

    /** The example asset file's pump, polled every {@code pollIntervalMs} on the test's port. */
    public AssetDefinition examplePump(long pollIntervalMs) {
        AssetDefinition example = AssetFileLoader.load(Path.of("..", "examples", "assets", "pump-1.yaml"));
        return withConnection(example, 1, pollIntervalMs, example.dataItems());
    }

    /** The example pump's data items plus {@code extra}. */
    public AssetDefinition examplePumpWith(long pollIntervalMs, DataItemDefinition... extra) {
        AssetDefinition example = examplePump(pollIntervalMs);
        var items = new ArrayList<>(example.dataItems());
        items.addAll(List.of(extra));
        return withConnection(example, 1, pollIntervalMs, items);
    }

    public AssetDefinition asset(int unitId, long pollIntervalMs, List<DataItemDefinition> items) {
        return withConnection(examplePump(pollIntervalMs), unitId, pollIntervalMs, items);
    }

    private AssetDefinition withConnection(AssetDefinition asset, int unitId, long pollIntervalMs,
                                           List<DataItemDefinition> items) {
        return new AssetDefinition(asset.id(), asset.unsPath(), asset.type(), asset.description(),
                new ModbusConnection("127.0.0.1", port, unitId, pollIntervalMs), items);
    }

    public ModbusConnector connector(AssetDefinition asset) {
        return connector(asset, SETTINGS);
    }

    public ModbusConnector connector(AssetDefinition asset, ModbusConnectorSettings settings) {
        var connector = new ModbusConnector(asset, SOURCE, sink, Clock.systemUTC(), settings);
        connectors.add(connector);
        return connector;
    }

    public static DataItemDefinition register(String id, ValueType type, boolean writable, ModbusSource source) {
        return new DataItemDefinition(id, Category.SAMPLE, type, null, writable, source);
    }

    public static DataItemDefinition register(String id, ValueType type, Limits limits, ModbusSource source) {
        return new DataItemDefinition(id, Category.SAMPLE, type, null, limits, false, source);
    }

    public static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Waits until the pump has served {@code requests} more range requests, i.e. the connector polled. */
    public void awaitRequests(long requests) {
        long target = pump.rangeRequests() + requests;
        awaitTrue(() -> pump.rangeRequests() >= target, requests + " more requests to the pump");
    }

    @Override
    public void close() {
        connectors.forEach(ModbusConnector::close);
        pump.close();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
