package org.openfactory.graphql.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.openfactory.graphql.state.LiveState;

/** Ready once the latest state has been rebuilt from the log, so the first answers are not stale. */
@Readiness
@ApplicationScoped
public class ProjectionReadiness implements HealthCheck {

    @Inject
    LiveState live;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("latest-state-projection").status(live.isCaughtUp()).build();
    }
}
