package org.openfactory.graphql.http;

import java.io.StringReader;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

/**
 * Checks a GraphQL-over-HTTP request body before execution and describes what is wrong, with the line and column
 * of a syntax error. (SmallRye answers every unparseable query with the same message and no location.)
 */
final class GraphQLRequestCheck {

    /** What is wrong with a request, as a GraphQL error. */
    record Problem(String message, int line, int column) {
        JsonObject toResponse() {
            var error = Json.createObjectBuilder().add("message", message);
            if (line > 0) {
                error.add("locations", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("line", line).add("column", column)));
            }
            error.add("extensions", Json.createObjectBuilder().add("code", "BAD_REQUEST")
                    .add("classification", "InvalidSyntax"));
            return Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(error)).build();
        }
    }

    private GraphQLRequestCheck() {
    }

    static Optional<Problem> check(String body) {
        JsonObject request;
        try {
            JsonValue value = Json.createReader(new StringReader(body)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.of(new Problem("The request body must be a JSON object with a 'query' field", 0, 0));
            }
            request = value.asJsonObject();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            return Optional.of(new Problem("The request body is not valid JSON: " + e.getMessage(),
                    (int) at.getLineNumber(), (int) at.getColumnNumber()));
        } catch (JsonException e) {
            return Optional.of(new Problem("The request body is not valid JSON: " + e.getMessage(), 0, 0));
        }
        JsonValue query = request.get("query");
        if (query == null || query.getValueType() != JsonValue.ValueType.STRING) {
            return Optional.of(new Problem("The request has no 'query' string", 0, 0));
        }
        try {
            Parser.parse(request.getString("query"));
            return Optional.empty();
        } catch (InvalidSyntaxException e) {
            var location = e.getLocation();
            return Optional.of(new Problem(e.getMessage(), location == null ? 0 : location.getLine(),
                    location == null ? 0 : location.getColumn()));
        }
    }
}
