package org.openfactory.model.value;

import java.util.Objects;

/**
 * A typed value of a data item. The set of cases is closed: every consumer can switch over it exhaustively.
 */
public sealed interface Value permits Value.Number, Value.Integer, Value.Text, Value.Bool, Value.Condition,
        Value.Unavailable {

    ValueType type();

    /** The value as plain text, for display and for string-typed consumers. */
    String text();

    record Number(double value) implements Value {
        public ValueType type() { return ValueType.DOUBLE; }
        public String text() { return Double.toString(value); }
    }

    record Integer(long value) implements Value {
        public ValueType type() { return ValueType.INTEGER; }
        public String text() { return Long.toString(value); }
    }

    record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "value");
        }
        public ValueType type() { return ValueType.STRING; }
        public String text() { return value; }
    }

    record Bool(boolean value) implements Value {
        public ValueType type() { return ValueType.BOOLEAN; }
        public String text() { return Boolean.toString(value); }
    }

    /** An MTConnect-style condition: a level, and optionally the device's own code and message. */
    record Condition(ConditionLevel level, String nativeCode, String message) implements Value {
        public Condition {
            Objects.requireNonNull(level, "level");
        }
        public ValueType type() { return ValueType.CONDITION; }
        public String text() { return level.name(); }
    }

    /** The device could not deliver a value (bad quality, disconnected). */
    record Unavailable() implements Value {
        public ValueType type() { return ValueType.UNAVAILABLE; }
        public String text() { return "UNAVAILABLE"; }
    }

    Unavailable UNAVAILABLE = new Unavailable();
}
