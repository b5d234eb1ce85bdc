package org.openfactory.bench;

import java.util.Optional;

import org.openfactory.bench.registry.FactoryAssets;
import org.openfactory.bench.samples.SamplesOnLog;

/**
 * What the benchmarks of one run share: the options, the broker, the checks, the generated assets and, once a
 * benchmark has produced them, the samples on the log.
 */
public final class BenchContext {

    private final BenchOptions options;
    private final String bootstrapServers;
    private final Checks checks = new Checks();
    private FactoryAssets assets;
    private SamplesOnLog samples;

    public BenchContext(BenchOptions options, String bootstrapServers) {
        this.options = options;
        this.bootstrapServers = bootstrapServers;
    }

    public BenchOptions options() {
        return options;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Checks checks() {
        return checks;
    }

    /** The factory of the run, generated on first use. */
    public synchronized FactoryAssets assets() {
        if (assets == null) {
            assets = FactoryAssets.generate(options.assets(), options.itemsPerAsset());
        }
        return assets;
    }

    public synchronized void samplesProduced(SamplesOnLog produced) {
        this.samples = produced;
    }

    /** @throws IllegalStateException if no benchmark of this run has produced the samples */
    public synchronized SamplesOnLog samples() {
        return Optional.ofNullable(samples).orElseThrow(() -> new IllegalStateException(
                "no samples on the log: the samples benchmark must run before this one"));
    }
}
