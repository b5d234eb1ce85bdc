package org.openfactory.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual three-phase energy meter with a load relay, publishing CloudEvents in binary mode (MQTT v5 binding) to
 * Unified Namespace topics under a prefix, e.g. {@code acme/plant1/utilities/line1/cell3/meter-1}:
 *
 * <table>
 * <tr><th>topic</th><th>data</th></tr>
 * <tr><td>{@code <prefix>/power}</td><td>active power in kW (number)</td></tr>
 * <tr><td>{@code <prefix>/energy}</td><td>energy counter in kWh (number, grows)</td></tr>
 * <tr><td>{@code <prefix>/voltage}</td><td>line voltage in V (number)</td></tr>
 * <tr><td>{@code <prefix>/status}</td><td>{@code RUNNING}, {@code HIGH_LOAD} or {@code OFF} (string)</td></tr>
 * <tr><td>{@code <prefix>/relay}</td><td>the load relay (boolean)</td></tr>
 * <tr><td>{@code <prefix>/reportingIntervalMs}</td><td>the publishing period (integer)</td></tr>
 * </table>
 *
 * <p>Commands (CloudEvents binary, the value as data, or plain JSON {@code {"value": ...}}): {@code <prefix>/relay/set}
 * (boolean), {@code <prefix>/reportingIntervalMs/set} (integer, {@value #MIN_INTERVAL_MS}..{@value #MAX_INTERVAL_MS}
 * ms, else an error answer), and the method {@code <prefix>/resetEnergy/call} (no arguments; its output is the
 * energy counter before the reset).
 */
public final class EnergyMeterSimulator extends MqttDevice {

    public static final String POWER = "power";
    public static final String ENERGY = "energy";
    public static final String VOLTAGE = "voltage";
    public static final String STATUS = "status";
    public static final String RELAY = "relay";
    public static final String REPORTING_INTERVAL = "reportingIntervalMs";
    public static final String RESET_ENERGY = "resetEnergy";
    public static final long MIN_INTERVAL_MS = 100;
    public static final long MAX_INTERVAL_MS = 60_000;
    public static final String EVENT_TYPE = "org.openfactory.simulator.energymeter.reading.v1";
    /** The meter of the virtual factory, as in examples/assets/meter-1.yaml. */
    public static final String EXAMPLE_UNS_PATH = "acme/plant1/utilities/line1/cell3/meter-1";

    private static final Logger LOG = LoggerFactory.getLogger(EnergyMeterSimulator.class);
    private static final double HIGH_LOAD_KW = 15.0;

    private final String prefix;
    private final String source;
    private final Random random;

    // device state: the device thread only (volatile for the tests' reads)
    private volatile boolean relay = true;
    private volatile long intervalMs;
    private volatile double energyKwh = 1_250.0;
    private volatile double powerKw;
    private double phase;

    /**
     * @param brokerUrl   e.g. {@value MqttDevice#DEFAULT_BROKER}
     * @param topicPrefix the meter's UNS path, the root of its topics
     * @param intervalMs  the initial publishing period
     * @param seed        of the load's noise, for repeatable runs
     */
    public EnergyMeterSimulator(String brokerUrl, String topicPrefix, long intervalMs, long seed) {
        super(brokerUrl, "energy-meter-" + lastSegment(topicPrefix));
        this.prefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
        requireInterval(intervalMs);
        this.intervalMs = intervalMs;
        this.source = "/simulator/energy-meter/" + topicPrefix;
        this.random = new Random(seed);
    }

    public String topic(String item) {
        return prefix + "/" + item;
    }

    /** Where writes of {@link #RELAY} and {@link #REPORTING_INTERVAL} go. */
    public String commandTopic(String item) {
        return RESET_ENERGY.equals(item) ? prefix + "/" + item + "/call" : prefix + "/" + item + "/set";
    }

    public boolean relay() {
        return relay;
    }

    public long reportingIntervalMs() {
        return intervalMs;
    }

    public double energyKwh() {
        return energyKwh;
    }

    /** Someone switches the relay at the meter itself. */
    public void setRelay(boolean on) {
        relay = on;
    }

    @Override
    protected void onStart(ScheduledExecutorService loop) {
        loop.schedule(() -> tick(loop), intervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    protected List<String> commandTopics() {
        return List.of(commandTopic(RELAY), commandTopic(REPORTING_INTERVAL), commandTopic(RESET_ENERGY));
    }

    private void tick(ScheduledExecutorService loop) {
        try {
            step(intervalMs);
            Instant now = Instant.now();
            String status = !relay ? "OFF" : powerKw > HIGH_LOAD_KW ? "HIGH_LOAD" : "RUNNING";
            publishReading(POWER, round(powerKw, 3), now);
            publishReading(ENERGY, round(energyKwh, 4), now);
            publishReading(VOLTAGE, round(400.0 + random.nextGaussian() * 1.5, 2), now);
            publishReading(STATUS, status, now);
            publishReading(RELAY, relay, now);
            publishReading(REPORTING_INTERVAL, intervalMs, now);
        } catch (RuntimeException e) {
            LOG.error("energy meter {}: reading failed", prefix, e);
        }
        if (!loop.isShutdown()) {
            loop.schedule(() -> tick(loop), intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /** A load around 12 kW swinging slowly, with noise; nothing flows while the relay is open. */
    private void step(long elapsedMs) {
        phase += elapsedMs / 20_000.0 * 2 * Math.PI;
        powerKw = relay ? Math.max(0, 12.0 + 4.0 * Math.sin(phase) + random.nextGaussian() * 0.3) : 0.0;
        energyKwh += powerKw * elapsedMs / 3_600_000.0;
    }

    private void publishReading(String item, Object value, Instant time) {
        publish(topic(item), utf8(MiniJson.write(value)),
                CloudEventsBinary.properties(source, EVENT_TYPE, item, time));
    }

    @Override
    protected Outcome onCommand(String topic, MqttMessage request) {
        Object data = dataOf(request);
        if (topic.equals(commandTopic(RELAY))) {
            if (!(data instanceof Boolean on)) {
                return Outcome.error("relay takes true or false, not " + MiniJson.write(data));
            }
            relay = on;
            return Outcome.done();
        }
        if (topic.equals(commandTopic(REPORTING_INTERVAL))) {
            if (!(data instanceof Long ms)) {
                return Outcome.error("reportingIntervalMs takes an integer, not " + MiniJson.write(data));
            }
            if (ms < MIN_INTERVAL_MS || ms > MAX_INTERVAL_MS) {
                return Outcome.error("reportingIntervalMs must be between " + MIN_INTERVAL_MS + " and "
                        + MAX_INTERVAL_MS + " ms, not " + ms);
            }
            intervalMs = ms;
            return Outcome.done();
        }
        if (topic.equals(commandTopic(RESET_ENERGY))) {
            if (!(data instanceof List<?> arguments) || !arguments.isEmpty()) {
                return Outcome.error("resetEnergy takes no arguments, got " + MiniJson.write(data));
            }
            double before = round(energyKwh, 4);
            energyKwh = 0.0;
            return Outcome.done(List.of(before));
        }
        return Outcome.error("unknown command topic " + topic);
    }

    /** The command's value: a CloudEvent's data, or the {@code value} of a plain JSON object. */
    private static Object dataOf(MqttMessage request) {
        Object json = MiniJson.parse(new String(request.getPayload(), StandardCharsets.UTF_8));
        boolean cloudEvent = CloudEventsBinary.attributes(request.getProperties()).containsKey("specversion");
        if (!cloudEvent && json instanceof Map<?, ?> map && map.containsKey("value")) {
            return map.get("value");
        }
        return json;
    }

    private static void requireInterval(long ms) {
        if (ms < MIN_INTERVAL_MS || ms > MAX_INTERVAL_MS) {
            throw new IllegalArgumentException("interval must be " + MIN_INTERVAL_MS + ".." + MAX_INTERVAL_MS
                    + " ms: " + ms);
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
