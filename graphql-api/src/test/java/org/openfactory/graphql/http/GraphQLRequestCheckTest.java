package org.openfactory.graphql.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraphQLRequestCheckTest {

    @Test
    void aWellFormedQueryPasses() {
        assertTrue(GraphQLRequestCheck.check("{\"query\":\"{ asset(id: \\\"tc-1\\\") { id } }\"}").isEmpty());
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLineAndColumn() {
        GraphQLRequestCheck.Problem problem =
                GraphQLRequestCheck.check("{\"query\":\"{ asset(id: \\\"tc-1\\\") {\\n dataItems { id }\"}")
                        .orElseThrow();
        assertTrue(problem.message().contains("Invalid syntax"), problem.message());
        assertEquals(2, problem.line());
        assertTrue(problem.column() > 0);
        String response = problem.toResponse().toString();
        assertTrue(response.contains("\"code\":\"BAD_REQUEST\""), response);
        assertTrue(response.contains("\"locations\":[{\"line\":2"), response);
    }

    @Test
    void aBodyThatIsNotJsonIsNamedAsSuch() {
        GraphQLRequestCheck.Problem problem = GraphQLRequestCheck.check("{\"query\": ").orElseThrow();
        assertTrue(problem.message().startsWith("The request body is not valid JSON"), problem.message());
    }

    @Test
    void aRequestWithoutAQueryStringIsNamedAsSuch() {
        assertEquals("The request has no 'query' string",
                GraphQLRequestCheck.check("{\"query\": 42}").orElseThrow().message());
        assertEquals("The request body must be a JSON object with a 'query' field",
                GraphQLRequestCheck.check("[1,2]").orElseThrow().message());
    }
}
