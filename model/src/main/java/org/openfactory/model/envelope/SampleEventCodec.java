package org.openfactory.model.envelope;

import java.net.URI;
import java.time.Instant;

import org.openfactory.model.event.SampleObserved;

/** The codec of {@code org.openfactory.sample.v1} events ({@link SampleObserved}). */
public final class SampleEventCodec {

    public static final String CONTENT_TYPE = CloudEventCodec.CONTENT_TYPE;

    private static final CloudEventCodec<SampleObserved> CODEC = EventCodecs.SAMPLE;

    private SampleEventCodec() {
    }

    public static String idOf(URI source, SampleObserved sample) {
        return CODEC.idOf(source, sample);
    }

    public static Envelope<SampleObserved> envelope(URI source, SampleObserved sample, Instant ingestedAt) {
        return CODEC.envelope(source, sample, ingestedAt);
    }

    public static byte[] encode(Envelope<SampleObserved> envelope) {
        return CODEC.encode(envelope);
    }

    /**
     * @throws MalformedEventException naming the attribute or field that is missing or wrong
     */
    public static Envelope<SampleObserved> decode(byte[] bytes) {
        return CODEC.decode(bytes);
    }
}
