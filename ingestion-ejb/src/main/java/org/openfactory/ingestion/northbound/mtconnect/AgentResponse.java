package org.openfactory.ingestion.northbound.mtconnect;

import java.util.List;

/** What an agent answers to {@code /current} or {@code /sample}, and each part of a stream. */
public sealed interface AgentResponse permits AgentResponse.Streams, AgentResponse.Errors {

    AgentHeader header();

    /** An MTConnectStreams document; without observations it is a heartbeat. */
    record Streams(AgentHeader header, List<Observation> observations) implements AgentResponse {
        public Streams {
            observations = List.copyOf(observations);
        }
    }

    /** An MTConnectError document. */
    record Errors(AgentHeader header, List<AgentError> errors) implements AgentResponse {
        public Errors {
            errors = List.copyOf(errors);
        }

        public boolean has(String errorCode) {
            return errors.stream().anyMatch(e -> e.code().equals(errorCode));
        }

        public String describe() {
            return String.join("; ", errors.stream().map(e -> e.code() + ": " + e.message()).toList());
        }
    }

    /** @param code e.g. {@code OUT_OF_RANGE}, {@code NO_DEVICE} */
    record AgentError(String code, String message) {
    }
}
