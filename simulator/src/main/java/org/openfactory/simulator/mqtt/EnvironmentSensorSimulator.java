package org.openfactory.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A virtual room sensor with a fan, publishing plain JSON to {@code <prefix>/telemetry}:
 * {@code {"temperature": 21.4, "humidity": 45.1, "fan": false, "timestamp": "2025-01-01T10:00:00.123Z"}}
 * (degrees Celsius, percent relative humidity). The fan is switched by {@code {"value": true}} on
 * {@code <prefix>/fan/set}; the answer follows the MQTT v5 request/response pattern of {@link MqttDevice}.
 */
public final class EnvironmentSensorSimulator extends MqttDevice {

    public static final String TELEMETRY = "telemetry";
    public static final String FAN = "fan";
    /** The sensor of the virtual factory, as in examples/assets/env-1.yaml. */
    public static final String EXAMPLE_UNS_PATH = "acme/plant1/utilities/line1/cell3/env-1";

    private final String prefix;
    private final long intervalMs;
    private final Random random;

    private volatile boolean fan;
    private double temperature = 22.0; // device thread only

    public EnvironmentSensorSimulator(String brokerUrl, String topicPrefix, long intervalMs, long seed) {
        super(brokerUrl, "env-sensor-" + topicPrefix.substring(topicPrefix.lastIndexOf('/') + 1));
        this.prefix = Objects.requireNonNull(topicPrefix, "topicPrefix");
        if (intervalMs < 50) {
            throw new IllegalArgumentException("interval must be at least 50 ms: " + intervalMs);
        }
        this.intervalMs = intervalMs;
        this.random = new Random(seed);
    }

    public String telemetryTopic() {
        return prefix + "/" + TELEMETRY;
    }

    public String fanCommandTopic() {
        return prefix + "/" + FAN + "/set";
    }

    public boolean fan() {
        return fan;
    }

    @Override
    protected void onStart(ScheduledExecutorService loop) {
        loop.scheduleAtFixedRate(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    protected List<String> commandTopics() {
        return List.of(fanCommandTopic());
    }

    /** The room warms slowly; the fan cools it. */
    private void tick() {
        temperature += (fan ? -0.05 : 0.02) + random.nextGaussian() * 0.02;
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("temperature", Math.round(temperature * 100) / 100.0);
        reading.put("humidity", Math.round((45.0 + random.nextGaussian()) * 10) / 10.0);
        reading.put("fan", fan);
        reading.put("timestamp", Instant.now().toString());
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/json");
        publish(telemetryTopic(), utf8(MiniJson.write(reading)), properties);
    }

    @Override
    protected Outcome onCommand(String topic, MqttMessage request) {
        Object json = MiniJson.parse(new String(request.getPayload(), StandardCharsets.UTF_8));
        Object value = json instanceof Map<?, ?> map ? map.get("value") : null;
        if (!(value instanceof Boolean on)) {
            return Outcome.error("fan takes {\"value\": true|false}, not " + MiniJson.write(json));
        }
        fan = on;
        return Outcome.done();
    }
}
