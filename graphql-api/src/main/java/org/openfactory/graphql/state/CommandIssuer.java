package org.openfactory.graphql.state;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openfactory.model.command.CommandIssued;
import org.openfactory.registry.log.CommandClient;

/** Appends commands from GraphQL to the log; the connector that owns the asset executes them. */
@ApplicationScoped
public class CommandIssuer {

    private static final Duration APPEND_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    @ConfigProperty(name = "openfactory.instance", defaultValue = "openfactory")
    String instance;

    private CommandClient client;

    @PostConstruct
    void open() {
        client = new CommandClient(bootstrapServers, URI.create("/openfactory/" + instance + "/graphql"),
                Clock.systemUTC());
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Returns once the log has the command (acks=all). */
    public void issue(CommandIssued command) {
        client.issue(command, APPEND_TIMEOUT);
    }
}
