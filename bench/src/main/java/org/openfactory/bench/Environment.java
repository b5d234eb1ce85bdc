package org.openfactory.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.utils.AppInfoParser;

/** What the figures were measured on. */
public record Environment(String java, String vm, String os, String cpu, int cores, long machineMemoryMb,
                          long maxHeapMb, List<String> jvmArguments, String kafka) {

    public static Environment current() {
        Runtime runtime = Runtime.getRuntime();
        long machineMemory = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
        return new Environment(System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuModel(), runtime.availableProcessors(), machineMemory / (1024 * 1024),
                runtime.maxMemory() / (1024 * 1024), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                AppInfoParser.getVersion());
    }

    /** One line for the table header. */
    public String describe() {
        return "Java " + java + " (" + vm + "), " + os + "; " + cores + " cores (" + cpu + "), "
                + Figures.count(machineMemoryMb) + " MB RAM, max heap " + Figures.count(maxHeapMb) + " MB; Kafka "
                + kafka + " (in-process KRaft broker, 1 node, same JVM)";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
