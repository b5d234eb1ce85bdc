package org.openfactory.embedded.launcher;

import java.nio.file.Path;

/** Where the embedded default runs; every value has a default and a command-line option. */
record LauncherOptions(Path dataDir, Path wlpDir, Path assetsDir, int kafkaPort, int httpPort) {

    static final String USAGE = """
            usage: openfactory run [--data-dir .openfactory] [--kafka-port 9092] [--http-port 9080]
                                   [--assets examples/assets]
                                   [--wlp server-config/target/liberty/wlp]""";

    static LauncherOptions parse(String[] args) {
        Path dataDir = Path.of(".openfactory");
        Path wlpDir = Path.of("server-config/target/liberty/wlp");
        Path assetsDir = Path.of("examples/assets");
        int kafkaPort = 9092;
        int httpPort = 9080;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--wlp" -> wlpDir = Path.of(value);
                case "--assets" -> assetsDir = Path.of(value);
                case "--kafka-port" -> kafkaPort = port(option, value);
                case "--http-port" -> httpPort = port(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new LauncherOptions(dataDir.toAbsolutePath(), wlpDir.toAbsolutePath(), assetsDir.toAbsolutePath(),
                kafkaPort, httpPort);
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a port number, not '" + value + "'");
    }
}
