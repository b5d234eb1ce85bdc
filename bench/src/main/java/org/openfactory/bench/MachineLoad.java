package org.openfactory.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How busy the machine was during the run, so figures taken while other builds ran can be told apart: every second,
 * the CPU the whole machine used ({@code /proc/stat}) minus the CPU of this JVM (broker included), in cores.
 */
public final class MachineLoad implements AutoCloseable {

    /**
     * @param otherCoresAverage cores used by other processes, averaged over the run; NaN where {@code /proc/stat}
     *                          cannot be read
     * @param otherCoresMax     the most cores other processes used in one second
     * @param benchCoresAverage cores this JVM used, averaged over the run
     */
    public record Summary(double loadAverageAtStart, double loadAverageAtEnd, double otherCoresAverage,
                          double otherCoresMax, double benchCoresAverage) {

        /** True when other processes used a quarter of a core or more on average. */
        public boolean busy() {
            return otherCoresAverage >= 0.25;
        }

        public String describe() {
            return String.format(Locale.ROOT, "load average %.2f at start, %.2f at end; other processes "
                            + "used %.2f cores on average (max %.2f), the benchmark %.2f", loadAverageAtStart,
                    loadAverageAtEnd, otherCoresAverage, otherCoresMax, benchCoresAverage);
        }
    }

    private final int cores = Runtime.getRuntime().availableProcessors();
    private final double loadAtStart = loadAverage();
    private final long startNanos = System.nanoTime();
    private final long startProcessCpu = processCpuNanos();
    private final Thread sampler;
    private volatile boolean running = true;
    private double otherCoreSeconds;
    private double otherMax;
    private double sampledSeconds;

    private MachineLoad() {
        sampler = new Thread(this::sample, "bench-machine-load");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static MachineLoad start() {
        return new MachineLoad();
    }

    private void sample() {
        long[] lastStat = cpuStat();
        long lastCpu = processCpuNanos();
        long lastWall = System.nanoTime();
        while (running && lastStat != null) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long[] stat = cpuStat();
            long cpu = processCpuNanos();
            long wall = System.nanoTime();
            if (stat == null) {
                return;
            }
            long total = stat[0] - lastStat[0];
            long busy = total - (stat[1] - lastStat[1]);
            double seconds = (wall - lastWall) / 1e9;
            if (total > 0 && seconds > 0) {
                double machineCores = (double) busy / total * cores;
                double benchCores = (cpu - lastCpu) / 1e9 / seconds;
                double others = Math.max(0, machineCores - benchCores);
                synchronized (this) {
                    otherCoreSeconds += others * seconds;
                    sampledSeconds += seconds;
                    otherMax = Math.max(otherMax, others);
                }
            }
            lastStat = stat;
            lastCpu = cpu;
            lastWall = wall;
        }
    }

    public Summary stop() {
        close();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double benchCores = (processCpuNanos() - startProcessCpu) / 1e9 / seconds;
        synchronized (this) {
            double others = sampledSeconds == 0 ? Double.NaN : otherCoreSeconds / sampledSeconds;
            return new Summary(loadAtStart, loadAverage(), others, sampledSeconds == 0 ? Double.NaN : otherMax,
                    benchCores);
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {total, idle + iowait} jiffies over all CPUs, or null off Linux. */
    private static long[] cpuStat() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            long[] f = Arrays.stream(first.trim().split("\\s+")).skip(1).limit(8).mapToLong(Long::parseLong)
                    .toArray();
            return new long[] {Arrays.stream(f).sum(), f[3] + f[4]};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
