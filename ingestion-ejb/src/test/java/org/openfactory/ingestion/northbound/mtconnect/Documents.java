package org.openfactory.ingestion.northbound.mtconnect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The sample MTConnect documents of the tests' resources. */
final class Documents {

    private Documents() {
    }

    static byte[] read(String name) {
        try (InputStream in = Documents.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test document " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
