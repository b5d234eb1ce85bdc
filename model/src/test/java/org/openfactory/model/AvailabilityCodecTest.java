package org.openfactory.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openfactory.model.envelope.Envelope;
import org.openfactory.model.envelope.EventCodecs;
import org.openfactory.model.envelope.MalformedEventException;
import org.openfactory.model.event.AvailabilityChanged;
import org.openfactory.model.value.Availability;

class AvailabilityCodecTest {

    @Test
    void roundTripsWithTheAssetAsSubjectAndKey() {
        AvailabilityChanged event = new AvailabilityChanged("tc-1", Availability.UNAVAILABLE,
                "connection refused", Instant.parse("2026-11-24T10:00:00Z"));
        Envelope<AvailabilityChanged> envelope =
                EventCodecs.AVAILABILITY.envelope(URI.create("/openfactory/x/opcua/tc-1"), event, Instant.now());
        byte[] bytes = EventCodecs.AVAILABILITY.encode(envelope);
        Envelope<AvailabilityChanged> decoded = EventCodecs.AVAILABILITY.decode(bytes);
        assertEquals(event, decoded.payload());
        assertEquals("tc-1", decoded.subject());
        assertEquals("org.openfactory.availability.v1", decoded.type());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"partitionkey\":\"tc-1\""));
    }

    @Test
    void aSampleIsNotMistakenForAnAvailabilityEvent() {
        byte[] sample = ("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"type\":\"org.openfactory.sample.v1\","
                + "\"time\":\"2026-11-24T10:15:30Z\",\"ingesttime\":\"2026-11-24T10:15:31Z\",\"data\":{}}")
                .getBytes(StandardCharsets.UTF_8);
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodecs.AVAILABILITY.decode(sample));
        assertTrue(e.getMessage().contains("expected 'org.openfactory.availability.v1'"), e.getMessage());
    }
}
