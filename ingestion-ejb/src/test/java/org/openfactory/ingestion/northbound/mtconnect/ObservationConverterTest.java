package org.openfactory.ingestion.northbound.mtconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.Category;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;
import org.openfactory.registry.asset.Limits;

class ObservationConverterTest {

    @Test
    void typesValuesAsDeclared() throws Exception {
        assertEquals(new Value.Number(125.012), value(sample("125.012"), ValueType.DOUBLE));
        assertEquals(new Value.Number(8000), value(sample("8000"), ValueType.DOUBLE));
        assertEquals(new Value.Integer(17), value(event("17"), ValueType.INTEGER));
        assertEquals(new Value.Text("ACTIVE"), value(event("ACTIVE"), ValueType.STRING));
        assertEquals(new Value.Text("125.012"), value(sample("125.012"), ValueType.STRING));
        assertEquals(new Value.Bool(true), value(event("TRUE"), ValueType.BOOLEAN));
        assertEquals(new Value.Bool(false), value(event("0"), ValueType.BOOLEAN));
    }

    @Test
    void unavailableIsNoValueForEveryType() throws Exception {
        for (ValueType type : new ValueType[] {ValueType.DOUBLE, ValueType.INTEGER, ValueType.STRING,
                ValueType.BOOLEAN}) {
            assertEquals(Value.UNAVAILABLE, value(sample("UNAVAILABLE"), type), type.name());
        }
    }

    @Test
    void conditionsCarryLevelCodeAndMessage() throws Exception {
        assertEquals(new Value.Condition(ConditionLevel.WARNING, "W210", "Spindle load high"),
                value(condition("Warning", "W210", "Spindle load high"), ValueType.CONDITION));
        assertEquals(new Value.Condition(ConditionLevel.FAULT, "F7", null),
                value(condition("Fault", "F7", ""), ValueType.CONDITION));
        assertEquals(new Value.Condition(ConditionLevel.NORMAL, null, null),
                value(condition("Normal", null, ""), ValueType.CONDITION));
        assertEquals(new Value.Condition(ConditionLevel.UNAVAILABLE, null, null),
                value(condition("Unavailable", null, ""), ValueType.CONDITION));
    }

    @Test
    void rejectsWhatDoesNotFitTheDeclaredType() {
        assertThrows(UnreadableObservationException.class, () -> value(sample("12,5"), ValueType.DOUBLE));
        assertThrows(UnreadableObservationException.class, () -> value(sample("1.0 2.0 3.0"), ValueType.DOUBLE));
        assertThrows(UnreadableObservationException.class, () -> value(event("17.5"), ValueType.INTEGER));
        assertThrows(UnreadableObservationException.class, () -> value(event("maybe"), ValueType.BOOLEAN));
        assertThrows(UnreadableObservationException.class, () -> value(event("ACTIVE"), ValueType.CONDITION));
        assertThrows(UnreadableObservationException.class,
                () -> value(condition("Warning", "W1", "x"), ValueType.STRING));
        assertThrows(UnreadableObservationException.class,
                () -> value(condition("Alarm", "W1", "x"), ValueType.CONDITION));
    }

    @Test
    void readsTheAgentsTimestamps() throws Exception {
        assertEquals(Instant.parse("2024-05-02T09:19:59.875431Z"),
                ObservationConverter.timestamp(sample("1", "2024-05-02T09:19:59.875431Z")));
        assertEquals(Instant.parse("2024-05-02T07:19:59Z"),
                ObservationConverter.timestamp(sample("1", "2024-05-02T09:19:59+02:00")));
        assertEquals(Instant.parse("2024-05-02T09:19:59.5Z"),
                ObservationConverter.timestamp(sample("1", "2024-05-02T09:19:59.5")), "no offset: UTC");
        assertThrows(UnreadableObservationException.class,
                () -> ObservationConverter.timestamp(sample("1", "yesterday")));
        assertThrows(UnreadableObservationException.class, () -> ObservationConverter.timestamp(sample("1", null)));
    }

    @Test
    void numbersOutsideTheLimitsOrNotFiniteAreNotPublished() {
        Limits limits = new Limits(-10.0, 610.0);
        assertEquals(null, SamplePublisher.outOfRange(new Value.Number(610), limits));
        assertTrue(SamplePublisher.outOfRange(new Value.Number(610.5), limits).contains("[-10.0, 610.0]"));
        assertTrue(SamplePublisher.outOfRange(new Value.Integer(-11), limits) != null);
        assertTrue(SamplePublisher.outOfRange(new Value.Number(Double.NaN), null).contains("finite"));
        assertTrue(SamplePublisher.outOfRange(new Value.Number(Double.POSITIVE_INFINITY), limits) != null);
        assertEquals(null, SamplePublisher.outOfRange(new Value.Number(1e9), new Limits(0.0, null)));
        assertEquals(null, SamplePublisher.outOfRange(new Value.Text("x"), limits));
    }

    private static Value value(Observation observation, ValueType type) throws UnreadableObservationException {
        return ObservationConverter.value(observation, type);
    }

    private static Observation sample(String value) {
        return sample(value, "2024-05-02T09:19:59Z");
    }

    private static Observation sample(String value, String timestamp) {
        return new Observation("Xact", Category.SAMPLE, "Position", "ACTUAL", 1, timestamp, value, null);
    }

    private static Observation event(String value) {
        return new Observation("e", Category.EVENT, "Execution", null, 1, "2024-05-02T09:19:59Z", value, null);
    }

    private static Observation condition(String level, String nativeCode, String message) {
        return new Observation("system", Category.CONDITION, level, null, 1, "2024-05-02T09:19:59Z", message,
                nativeCode);
    }
}
