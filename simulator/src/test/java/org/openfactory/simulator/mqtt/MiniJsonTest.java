package org.openfactory.simulator.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MiniJsonTest {

    @Test
    void readsTheValuesDevicesExchange() {
        assertEquals(true, MiniJson.parse(" true "));
        assertEquals(250L, MiniJson.parse("250"));
        assertEquals(-1.5e3, MiniJson.parse("-1.5e3"));
        assertEquals("a \"b\"\n", MiniJson.parse("\"a \\\"b\\\"\\n\""));
        assertNull(MiniJson.parse("null"));
        assertEquals(List.of(), MiniJson.parse("[]"));
        assertEquals(Arrays.asList(1L, "x", null), MiniJson.parse("[1, \"x\", null]"));
        assertEquals(Map.of("value", false, "n", Map.of("k", List.of(2.5))),
                MiniJson.parse("{\"value\": false, \"n\": {\"k\": [2.5]}}"));
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : List.of("", "{", "[1,", "tru", "{\"a\" 1}", "1 2", "\"open", "@")) {
            assertThrows(IllegalArgumentException.class, () -> MiniJson.parse(bad), bad);
        }
    }

    @Test
    void writesCompactJsonThatReadsBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("status", "error");
        value.put("reason", "say \"no\"\t");
        value.put("outputs", Arrays.asList(1.5, 2L, true, null));
        String json = MiniJson.write(value);
        assertEquals("{\"status\":\"error\",\"reason\":\"say \\\"no\\\"\\u0009\",\"outputs\":[1.5,2,true,null]}", json);
        assertEquals(value, MiniJson.parse(json));
    }
}
