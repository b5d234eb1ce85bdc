package org.openfactory.model.envelope;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.openfactory.model.event.EventTypes;
import org.openfactory.model.event.SampleObserved;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/**
 * The single-pass reader of a sample event: one streaming parse of the structured CloudEvent, where the generic path
 * parses the document into a tree, writes its data back to bytes and parses those again.
 * <p>
 * It only accepts documents in the plain shape our encoder writes (and harmless variations: field order, extra data
 * fields, extensions). For anything else, including every malformed document, it answers null and
 * {@link CloudEventCodec} decodes with the generic path, so which documents are accepted, and every error message,
 * stay exactly those of the generic path. Thread-safe.
 */
final class SampleEventReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String SPEC_VERSION = "1.0";
    private static final String CONTENT_TYPE = "application/json";
    private static final Category[] CATEGORIES = Category.values();
    private static final ValueType[] VALUE_TYPES = ValueType.values();
    private static final Map<String, ConditionLevel> LEVELS = byName(ConditionLevel.values());
    /** Sources are connector instances: few, and repeated on every event. Parsing a URI costs more than a lookup. */
    private static final int MAX_CACHED_SOURCES = 16_384;

    private final Map<String, URI> sources = new ConcurrentHashMap<>();

    /** The event, or null when the generic path must decide. */
    Envelope<SampleObserved> read(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            Attributes a = readEvent(p);
            return a == null ? null : a.envelope(this);
        } catch (IOException e) { // not JSON, or over a parser limit: the generic path words the error
            return null;
        }
    }

    private static Attributes readEvent(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Attributes a = new Attributes();
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (!a.read(name, p.nextToken(), p)) {
                return null;
            }
        }
        if (p.nextToken() != null) { // trailing content
            return null;
        }
        return a;
    }

    /** The top-level attributes seen so far; each at most once, else the generic path decides. */
    private static final class Attributes {
        private boolean specVersion;
        private String id;
        private String source;
        private boolean type;
        private boolean contentType;
        private String subject;
        private String time;
        private String ingestTime;
        private Data data;

        boolean read(String name, JsonToken token, JsonParser p) throws IOException {
            switch (name) {
                case "specversion": // the constants are compared in the parser's buffer: no String made
                    return !specVersion && (specVersion = is(token, p, SPEC_VERSION));
                case "id":
                    return id == null && (id = text(token, p)) != null;
                case "source":
                    return source == null && (source = text(token, p)) != null;
                case "type":
                    return !type && (type = is(token, p, EventTypes.SAMPLE_OBSERVED));
                case "datacontenttype":
                    return !contentType && (contentType = is(token, p, CONTENT_TYPE));
                case "subject":
                    return subject == null && (subject = text(token, p)) != null;
                case "time":
                    return time == null && (time = text(token, p)) != null;
                case CloudEventCodec.INGEST_TIME:
                    return ingestTime == null && (ingestTime = text(token, p)) != null;
                case "data":
                    return data == null && (data = Data.read(token, p)) != null;
                case "data_base64": // binary data, a data schema or a 0.3 attribute: rare, the generic path knows them
                case "dataschema":
                case "datacontentencoding":
                case "schemaurl":
                    return false;
                default: // an extension a sample does not use: a valid name and a string or boolean (the SDK
                    // refuses some numbers, so they go the generic way)
                    return isExtensionName(name) && (token == JsonToken.VALUE_STRING
                            || token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE);
            }
        }

        Envelope<SampleObserved> envelope(SampleEventReader reader) {
            if (!specVersion || !contentType || !type || id == null || id.isEmpty() || source == null
                    || source.isEmpty() || time == null || ingestTime == null || data == null) {
                return null;
            }
            Instant observedAt = UtcTimestamps.parse(time);
            Instant ingestedAt = UtcTimestamps.parse(ingestTime);
            URI sourceUri = reader.source(source);
            SampleObserved sample = data.sample(observedAt);
            if (observedAt == null || ingestedAt == null || sourceUri == null || sample == null) {
                return null;
            }
            return new Envelope<>(id, sourceUri, EventTypes.SAMPLE_OBSERVED, subject, observedAt, ingestedAt, sample);
        }
    }

    /** The fields of a sample's data; a field seen twice, or of an unexpected JSON type, gives null. */
    private static final class Data {
        private String assetId;
        private String dataItemId;
        private Category category;
        private ValueType valueType;
        private Value value;
        private boolean unitsSeen;
        private String units;

        static Data read(JsonToken token, JsonParser p) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                return null;
            }
            Data d = new Data();
            String name;
            while ((name = p.nextFieldName()) != null) {
                if (!d.field(name, p.nextToken(), p)) {
                    return null;
                }
            }
            return d;
        }

        private boolean field(String name, JsonToken token, JsonParser p) throws IOException {
            switch (name) {
                case "assetId":
                    return assetId == null && (assetId = text(token, p)) != null;
                case "dataItemId":
                    return dataItemId == null && (dataItemId = text(token, p)) != null;
                case "category":
                    return category == null && (category = constant(token, p, CATEGORIES)) != null;
                case "valueType":
                    return valueType == null && (valueType = constant(token, p, VALUE_TYPES)) != null;
                case "value": // after valueType, as we write it; else the generic path
                    return value == null && valueType != null && (value = value(token, p)) != null;
                case "units":
                    if (unitsSeen || (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL)) {
                        return false;
                    }
                    unitsSeen = true;
                    units = token == JsonToken.VALUE_NULL ? null : p.getText();
                    return true;
                default: // a field a newer writer added: ignored, as the generic path does
                    p.skipChildren();
                    return true;
            }
        }

        private Value value(JsonToken token, JsonParser p) throws IOException {
            switch (valueType) {
                case DOUBLE:
                    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                        return null;
                    }
                    double d = p.getDoubleValue();
                    return Double.isFinite(d) ? new Value.Number(d) : null; // the generic path cannot re-read Infinity
                case INTEGER:
                    if (token != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return null;
                    }
                    return new Value.Integer(p.getLongValue());
                case STRING:
                    return token == JsonToken.VALUE_STRING ? new Value.Text(p.getText()) : null;
                case BOOLEAN:
                    return token == JsonToken.VALUE_TRUE ? new Value.Bool(true)
                            : token == JsonToken.VALUE_FALSE ? new Value.Bool(false) : null;
                case CONDITION:
                    return token == JsonToken.START_OBJECT ? condition(p) : null;
                default:
                    p.skipChildren(); // UNAVAILABLE ignores the value, whatever it is
                    return Value.UNAVAILABLE;
            }
        }

        private static Value condition(JsonParser p) throws IOException {
            String level = null;
            String nativeCode = null;
            String message = null;
            int seen = 0;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken token = p.nextToken();
                int bit = "level".equals(name) ? 1 : "nativeCode".equals(name) ? 2 : "message".equals(name) ? 4 : 0;
                if (bit == 0) {
                    p.skipChildren();
                    continue;
                }
                if ((seen & bit) != 0 || (token != JsonToken.VALUE_STRING && (bit == 1 || token != JsonToken.VALUE_NULL))) {
                    return null;
                }
                seen |= bit;
                String text = token == JsonToken.VALUE_NULL ? null : p.getText();
                if (bit == 1) {
                    level = text;
                } else if (bit == 2) {
                    nativeCode = text;
                } else {
                    message = text;
                }
            }
            ConditionLevel l = level == null ? null : LEVELS.get(level);
            return l == null ? null : new Value.Condition(l, nativeCode, message);
        }

        SampleObserved sample(Instant observedAt) {
            if (assetId == null || assetId.isBlank() || dataItemId == null || dataItemId.isBlank() || category == null
                    || valueType == null || observedAt == null) {
                return null;
            }
            Value v = valueType == ValueType.UNAVAILABLE ? Value.UNAVAILABLE : value;
            return v == null ? null : new SampleObserved(assetId, dataItemId, category, v, units, observedAt);
        }
    }

    private static String text(JsonToken token, JsonParser p) throws IOException {
        return token == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    /** True if the value is the string {@code expected}. */
    private static boolean is(JsonToken token, JsonParser p, String expected) throws IOException {
        return token == JsonToken.VALUE_STRING && equal(p, expected);
    }

    /** The constant the string value names exactly, or null (as {@code Enum.valueOf} would refuse it). */
    private static <E extends Enum<E>> E constant(JsonToken token, JsonParser p, E[] constants) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        for (E e : constants) {
            if (equal(p, e.name())) {
                return e;
            }
        }
        return null;
    }

    private static boolean equal(JsonParser p, String expected) throws IOException {
        int length = p.getTextLength();
        if (length != expected.length()) {
            return false;
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private URI source(String text) {
        URI uri = sources.get(text);
        if (uri == null) {
            uri = uri(text);
            if (uri != null) {
                if (sources.size() >= MAX_CACHED_SOURCES) {
                    sources.clear(); // crude, but bounded; a factory has far fewer connector instances
                }
                sources.put(text, uri);
            }
        }
        return uri;
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The CloudEvents SDK's rule: 1 to 20 characters, a-z and 0-9. */
    private static boolean isExtensionName(String name) {
        if (name.isEmpty() || name.length() > 20) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static <E extends Enum<E>> Map<String, E> byName(E[] constants) {
        Map<String, E> map = new HashMap<>();
        for (E e : constants) {
            map.put(e.name(), e);
        }
        return Map.copyOf(map);
    }
}
