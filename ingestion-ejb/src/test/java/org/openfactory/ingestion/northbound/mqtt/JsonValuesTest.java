package org.openfactory.ingestion.northbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.openfactory.model.value.ConditionLevel;
import org.openfactory.model.value.Value;
import org.openfactory.model.value.ValueType;

class JsonValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void valuesAreTypedAsTheDataItemDeclares() throws Exception {
        assertEquals(new Value.Number(12.0), convert("12", ValueType.DOUBLE));
        assertEquals(new Value.Number(-0.5), convert("-0.5", ValueType.DOUBLE));
        assertEquals(new Value.Integer(42), convert("42", ValueType.INTEGER));
        assertEquals(new Value.Integer(42), convert("42.0", ValueType.INTEGER));
        assertEquals(new Value.Text("RUNNING"), convert("\"RUNNING\"", ValueType.STRING));
        assertEquals(new Value.Text("3"), convert("3", ValueType.STRING));
        assertEquals(new Value.Bool(true), convert("true", ValueType.BOOLEAN));
        assertEquals(new Value.Condition(ConditionLevel.FAULT, "E12", "overheat"),
                convert("{\"level\": \"fault\", \"nativeCode\": \"E12\", \"message\": \"overheat\"}",
                        ValueType.CONDITION));
        assertEquals(new Value.Condition(ConditionLevel.NORMAL, null, null), convert("\"NORMAL\"",
                ValueType.CONDITION));
        assertEquals(Value.UNAVAILABLE, convert("null", ValueType.DOUBLE));
    }

    @Test
    void valuesOfTheWrongKindAreRejected() {
        String[][] cases = {
                {"\"12\"", "DOUBLE"}, {"true", "DOUBLE"}, {"12.5", "INTEGER"}, {"1e30", "INTEGER"},
                {"\"1\"", "INTEGER"}, {"1", "BOOLEAN"}, {"\"true\"", "BOOLEAN"}, {"{\"a\": 1}", "STRING"},
                {"[1]", "DOUBLE"}, {"\"BROKEN\"", "CONDITION"}, {"3", "CONDITION"}};
        for (String[] c : cases) {
            BadPayloadException e = assertThrows(BadPayloadException.class,
                    () -> convert(c[0], ValueType.valueOf(c[1])), c[0] + " as " + c[1]);
            assertEquals(true, e.getMessage().contains("is not a " + c[1] + " value"), e.getMessage());
        }
    }

    @Test
    void commandValuesBecomeTheirJson() {
        assertEquals("2.5", JsonValues.toJson(new Value.Number(2.5)).toString());
        assertEquals("7", JsonValues.toJson(new Value.Integer(7)).toString());
        assertEquals("\"on\"", JsonValues.toJson(new Value.Text("on")).toString());
        assertEquals("false", JsonValues.toJson(new Value.Bool(false)).toString());
        assertEquals("null", JsonValues.toJson(Value.UNAVAILABLE).toString());
    }

    private static Value convert(String json, ValueType type) throws Exception {
        JsonNode node = JSON.readTree(json);
        return JsonValues.toValue(node, type);
    }
}
