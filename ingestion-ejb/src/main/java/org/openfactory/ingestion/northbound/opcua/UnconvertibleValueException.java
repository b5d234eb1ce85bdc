package org.openfactory.ingestion.northbound.opcua;

import org.openfactory.model.value.ValueType;

/** A device value does not fit the type its data item declares. */
public final class UnconvertibleValueException extends Exception {

    private final transient Object value;
    private final ValueType declaredType;

    UnconvertibleValueException(Object value, ValueType declaredType, String reason) {
        super(reason + ": " + describe(value) + " as " + declaredType);
        this.value = value;
        this.declaredType = declaredType;
    }

    /** The value as the device sent it. */
    public Object value() {
        return value;
    }

    public ValueType declaredType() {
        return declaredType;
    }

    /** The value and its Java type, for log lines, e.g. {@code "AUTO" (String)}. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        return text + " (" + value.getClass().getSimpleName() + ")";
    }
}
