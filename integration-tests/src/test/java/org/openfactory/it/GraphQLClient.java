package org.openfactory.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A plain HTTP GraphQL client, as an ERP integration would use. */
final class GraphQLClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;

    GraphQLClient(String baseUrl) {
        this.endpoint = URI.create(baseUrl + "/graphql");
    }

    JsonNode query(String query) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        return post(JSON.writeValueAsString(body));
    }

    JsonNode post(String rawBody) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(rawBody))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        try {
            JsonNode body = JSON.readTree(response.body());
            ObjectNode answer = body instanceof ObjectNode object ? object : JSON.createObjectNode().set("body", body);
            return answer.put("httpStatus", response.statusCode());
        } catch (IOException e) {
            throw new IOException("HTTP " + response.statusCode() + " with a body that is not JSON: "
                    + response.body(), e);
        }
    }
}
