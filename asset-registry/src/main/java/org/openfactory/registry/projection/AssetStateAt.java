package org.openfactory.registry.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The state of one asset as of an instant, reconstructed from the log by {@link TimeTravel}, with what it took.
 *
 * @param items data item id -> its state at {@code at}; empty if the asset had no observation by then
 * @param scan  how much of the log was read to answer
 */
public record AssetStateAt(String assetId, Instant at, Map<String, DataItemState> items, Scan scan) {

    public AssetStateAt {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(at, "at");
        items = Map.copyOf(items);
        Objects.requireNonNull(scan, "scan");
    }

    /**
     * What one query read: offsets {@code [fromOffset, toOffset)} of one partition.
     *
     * @param partition -1 when the topic does not exist
     * @param endOffset the end of the partition when the query started; {@code toOffset < endOffset} means the
     *                  read stopped early on the late-arrival tolerance
     * @param records   records read, of any key
     * @param decoded   records of the asset that were decoded (including the ones that failed)
     * @param skipped   records of the asset that did not decode or did not match their key
     */
    public record Scan(String topic, int partition, long fromOffset, long toOffset, long endOffset, long records,
                       long decoded, long skipped, Duration elapsed) {

        public static Scan none(String topic, Duration elapsed) {
            return new Scan(topic, -1, 0, 0, 0, 0, 0, 0, elapsed);
        }

        public boolean stoppedEarly() {
            return toOffset < endOffset;
        }

        /** Records read per second; 0 when nothing was read. */
        public double recordsPerSecond() {
            long nanos = elapsed.toNanos();
            return records == 0 || nanos == 0 ? 0 : records * 1e9 / nanos;
        }
    }
}
