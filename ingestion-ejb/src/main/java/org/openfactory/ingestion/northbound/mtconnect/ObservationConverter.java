package org.openfactory.ingestion.northbound.mtconnect;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

/**
 * Types an observation's text as its data item's declared {@link ValueType}. Strict, so mistakes in asset files and
 * bad device data show up in the logs instead of being guessed at. {@code UNAVAILABLE} is MTConnect's "no value" for
 * every sample and event.
 */
final class ObservationConverter {

    static final String UNAVAILABLE = "UNAVAILABLE";

    private ObservationConverter() {
    }

    static Value value(Observation observation, ValueType declared) throws UnreadableObservationException {
        if (observation.category() == Category.CONDITION) {
            ConditionLevel level = conditionLevel(observation.element());
            if (declared != ValueType.CONDITION) {
                throw new UnreadableObservationException("a condition (" + observation.element()
                        + ") cannot be read as " + declared);
            }
            return new Value.Condition(level, blankToNull(observation.nativeCode()), blankToNull(observation.value()));
        }
        String text = observation.value();
        if (UNAVAILABLE.equals(text)) {
            return Value.UNAVAILABLE;
        }
        switch (declared) {
            case DOUBLE:
                try {
                    return new Value.Number(Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    throw new UnreadableObservationException("'" + text + "' is not a number (declared DOUBLE)");
                }
            case INTEGER:
                try {
                    return new Value.Integer(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new UnreadableObservationException("'" + text + "' is not an integer (declared INTEGER)");
                }
            case BOOLEAN:
                return new Value.Bool(bool(text));
            case STRING:
                return new Value.Text(text);
            default:
                throw new UnreadableObservationException("a " + observation.category() + " observation cannot be "
                        + "read as " + declared);
        }
    }

    /** The agent's time of the observation: ISO 8601, UTC when no offset is given (as older agents write). */
    static Instant timestamp(Observation observation) throws UnreadableObservationException {
        String text = observation.timestamp();
        if (text == null) {
            throw new UnreadableObservationException("no timestamp");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new UnreadableObservationException("timestamp '" + text + "' is not an ISO 8601 time");
            }
        }
    }

    static ConditionLevel conditionLevel(String element) throws UnreadableObservationException {
        switch (element) {
            case "Normal":
                return ConditionLevel.NORMAL;
            case "Warning":
                return ConditionLevel.WARNING;
            case "Fault":
                return ConditionLevel.FAULT;
            case "Unavailable":
                return ConditionLevel.UNAVAILABLE;
            default:
                throw new UnreadableObservationException("'" + element + "' is not a condition level");
        }
    }

    private static boolean bool(String text) throws UnreadableObservationException {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
                return true;
            case "false":
            case "0":
                return false;
            default:
                throw new UnreadableObservationException("'" + text + "' is not a boolean (declared BOOLEAN)");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
