package org.openfactory.ingestion.northbound.modbus;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import org.openfactory.ingestion.northbound.SampleSink;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Value;
import org.openfactory.registry.asset.DataItemDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the blocks of a {@link ReadPlan} and publishes what changed since the last poll (report by exception); after
 * {@link #forgetPublished()} (a reconnect) every value once. A block the device refuses with a Modbus exception marks
 * only its items UNAVAILABLE, logged once until it reads again; a value that cannot be decoded or is out of range
 * skips that item. Only a broken connection ends a poll. Runs on the connector's one thread.
 */
final class ModbusPoller {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusPoller.class);
    private static final int ILLEGAL_DATA_ADDRESS = 2;

    private final String assetId;
    private final int unitId;
    private final ReadPlan plan;
    private final URI source;
    private final SampleSink sink;
    private final Clock clock;
    private final LimitCheck limits;
    private final Map<String, Value> published = new HashMap<>();
    private final Set<ReadBlock> refused = new HashSet<>();
    private final Set<String> undecodable = new HashSet<>();

    ModbusPoller(String assetId, int unitId, ReadPlan plan, URI source, SampleSink sink, Clock clock) {
        this.assetId = assetId;
        this.unitId = unitId;
        this.plan = plan;
        this.source = source;
        this.sink = sink;
        this.clock = clock;
        this.limits = new LimitCheck(assetId);
    }

    /** After a reconnect nothing is known to be current downstream: publish every value again. */
    void forgetPublished() {
        published.clear();
    }

    /**
     * Reads every block once.
     *
     * @throws ModbusException when the connection fails (not for a Modbus exception response)
     */
    void poll(AbstractModbusMaster master) throws ModbusException {
        for (ReadBlock block : plan.blocks()) {
            int[] data;
            try {
                data = read(master, block);
            } catch (ModbusSlaveException e) {
                blockFailed(block, "refused reading " + block.describe() + " with " + ModbusExceptions.describe(e)
                        + (e.getType() == ILLEGAL_DATA_ADDRESS ? " (an address the device does not have, or another"
                        + " unit id than the device's?)" : ""));
                continue;
            } catch (RuntimeException e) {
                blockFailed(block, "sent a malformed answer to reading " + block.describe() + ": " + e);
                continue;
            }
            Instant observedAt = clock.instant();
            if (refused.remove(block)) {
                LOG.info("Asset {}: unit {} answers reading {} again (data items {})", assetId, unitId,
                        block.describe(), block.itemIds());
            }
            for (PolledItem item : block.items()) {
                Value value = decode(block, data, item);
                if (value != null && limits.admits(item.item(), value)) {
                    publishIfChanged(item.item(), value, observedAt);
                }
            }
        }
    }

    private int[] read(AbstractModbusMaster master, ReadBlock block) throws ModbusException {
        return switch (block.table()) {
            case COIL -> bits(master.readCoils(unitId, block.start(), block.count()), block.count());
            case DISCRETE_INPUT -> bits(master.readInputDiscretes(unitId, block.start(), block.count()),
                    block.count());
            case HOLDING_REGISTER -> words(master.readMultipleRegisters(unitId, block.start(), block.count()),
                    block.count());
            case INPUT_REGISTER -> words(master.readInputRegisters(unitId, block.start(), block.count()),
                    block.count());
        };
    }

    private Value decode(ReadBlock block, int[] data, PolledItem item) {
        int at = item.address() - block.start();
        try {
            Value value;
            if (item.table().holdsBits()) {
                value = new Value.Bool(data[at] != 0);
            } else {
                var source = item.source();
                Number raw = RegisterCodec.decode(data, at, source.dataType(), source.byteOrder(), source.wordOrder());
                value = Scaling.toValue(raw, source, item.item().valueType());
            }
            undecodable.remove(item.id());
            return value;
        } catch (RuntimeException e) {
            String message = "Asset {}: data item {} ({} {}) skipped, its registers do not decode: {}";
            Object[] args = {assetId, item.id(), item.table(), item.address(), e.getMessage()};
            if (undecodable.add(item.id())) {
                LOG.warn(message, args);
            } else {
                LOG.debug(message, args);
            }
            return null;
        }
    }

    private void blockFailed(ReadBlock block, String problem) {
        if (refused.add(block)) {
            LOG.error("Asset {}: unit {} {}; data items {} are unavailable until it answers", assetId, unitId, problem,
                    block.itemIds());
        } else {
            LOG.debug("Asset {}: unit {} still {}", assetId, unitId, problem);
        }
        Instant observedAt = clock.instant();
        for (PolledItem item : block.items()) {
            publishIfChanged(item.item(), Value.UNAVAILABLE, observedAt);
        }
    }

    private void publishIfChanged(DataItemDefinition item, Value value, Instant observedAt) {
        if (value.equals(published.get(item.id()))) {
            return;
        }
        try {
            sink.accept(source, new SampleObserved(assetId, item.id(), item.category(), value, item.units(),
                    observedAt));
            published.put(item.id(), value);
        } catch (RuntimeException e) {
            // not remembered as published, so the next poll tries again
            LOG.error("Asset {}: sample of data item {} was lost, the sink failed", assetId, item.id(), e);
        }
    }

    private static int[] bits(BitVector vector, int count) {
        int[] bits = new int[count];
        for (int i = 0; i < count; i++) {
            bits[i] = vector.getBit(i) ? 1 : 0;
        }
        return bits;
    }

    private static int[] words(InputRegister[] registers, int count) {
        if (registers.length < count) {
            throw new IllegalStateException(count + " registers requested, " + registers.length + " received");
        }
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = registers[i].toUnsignedShort();
        }
        return words;
    }
}
