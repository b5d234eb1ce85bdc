package org.openfactory.simulator.mtconnect;

/**
 * One run of the agent process: its instanceId, its documents and its buffer. An agent restart makes a new one, so
 * sequence numbers start again at 1 under a new instanceId.
 */
record AgentInstance(AgentDocuments documents, ObservationBuffer buffer) {

    long instanceId() {
        return documents.instanceId();
    }
}
