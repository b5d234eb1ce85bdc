package org.openfactory.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/** The deployable EAR: both modules, and one logging setup in its libraries. */
class EarPackagingIT {

    private static final Path EAR = Path.of(System.getProperty("openfactory.wlp.dir"),
            "usr/servers/openfactory/apps/openfactory.ear");

    @Test
    void theEarHoldsTheEjbModuleAndTheWar() throws IOException {
        try (ZipFile ear = new ZipFile(EAR.toFile())) {
            assertTrue(ear.getEntry("ingestion-ejb.jar") != null, "ingestion-ejb.jar missing");
            assertTrue(ear.getEntry("graphql-api.war") != null, "graphql-api.war missing");
            String application = new String(ear.getInputStream(ear.getEntry("META-INF/application.xml"))
                    .readAllBytes());
            assertTrue(application.contains("<ejb>ingestion-ejb.jar</ejb>"), application);
            assertTrue(application.contains("<web-uri>graphql-api.war</web-uri>"), application);
        }
    }

    @Test
    void exactlyOneSlf4jBindingAndNoOtherLoggingBackend() throws IOException {
        List<String> providers = new ArrayList<>();
        List<String> libs = new ArrayList<>();
        try (ZipFile ear = new ZipFile(EAR.toFile())) {
            for (ZipEntry entry : ear.stream().toList()) {
                if (entry.getName().endsWith(".jar") || entry.getName().endsWith(".war")) {
                    libs.add(entry.getName());
                    scanArchive(ear.getInputStream(entry), entry.getName(), providers, libs);
                }
            }
        }
        assertEquals(1, providers.size(), "SLF4J providers in the EAR: " + providers);
        assertTrue(providers.get(0).matches("lib/(org.slf4j-)?slf4j-jdk14-2\\..*\\.jar"), providers.toString());
        assertTrue(libs.stream().anyMatch(l -> l.matches("lib/(org.slf4j-)?slf4j-api-2\\..*\\.jar")), libs.toString());
        assertTrue(libs.stream().noneMatch(l -> l.contains("logback") || l.contains("reload4j")
                || l.contains("log4j-slf4j") || l.contains("slf4j-simple") || l.contains("slf4j-api-1.")),
                libs.toString());
    }

    private static void scanArchive(InputStream in, String name, List<String> providers, List<String> libs)
            throws IOException {
        try (JarInputStream jar = new JarInputStream(in)) {
            JarEntry entry;
            while ((entry = jar.getNextJarEntry()) != null) {
                String path = entry.getName();
                if (path.equals("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")
                        || path.equals("org/slf4j/impl/StaticLoggerBinder.class")) {
                    providers.add(name);
                } else if (path.endsWith(".jar")) {
                    libs.add(name + "!" + path);
                    // a copy: closing the nested stream must not close this one
                    scanArchive(new ByteArrayInputStream(jar.readAllBytes()), name + "!" + path, providers, libs);
                }
            }
        }
    }
}
