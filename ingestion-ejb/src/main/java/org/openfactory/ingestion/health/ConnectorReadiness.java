package org.openfactory.ingestion.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.openfactory.ingestion.ConnectorSupervisor;
import org.openfactory.ingestion.SupervisorStatus;

/**
 * Ready once connectors follow the rebuilt registry and commands are being executed. A device that is away does not
 * make the platform unready (that is its asset's availability); its link is listed in the check's data.
 */
@Readiness
@ApplicationScoped
public class ConnectorReadiness implements HealthCheck {

    @Inject
    ConnectorSupervisor supervisor;

    @Override
    public HealthCheckResponse call() {
        SupervisorStatus status = supervisor.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("connectors")
                .status(status.registryRebuilt() && status.executingCommands())
                .withData("registryRebuilt", status.registryRebuilt())
                .withData("executingCommands", status.executingCommands());
        status.links().forEach(response::withData);
        return response.build();
    }
}
