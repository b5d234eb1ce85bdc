package org.openfactory.graphql.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openfactory.graphql.schema.Command;
import org.openfactory.graphql.state.LiveState;

@GraphQLApi
@ApplicationScoped
public class CommandQueries {

    @Inject
    LiveState live;

    @Query("command")
    @Description("A command and its results so far, by correlation id, for as long as the command topics keep it. "
            + "Fails with NOT_FOUND for an id the log does not hold.")
    public @NonNull Command command(@Name("correlationId") @NonNull String correlationId) throws NotFoundException {
        return live.commands().find(correlationId).map(Command::of)
                .orElseThrow(() -> new NotFoundException("no command with correlationId '" + correlationId + "'"));
    }
}
