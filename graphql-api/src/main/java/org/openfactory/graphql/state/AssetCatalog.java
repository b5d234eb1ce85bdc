package org.openfactory.graphql.state;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.asset.AssetFileLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The assets this instance serves, read from the asset definition folder at start. */
@ApplicationScoped
public class AssetCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(AssetCatalog.class);

    @Inject
    @ConfigProperty(name = "openfactory.assets.dir")
    String assetsDir;

    private volatile Map<String, AssetDefinition> assets = Map.of();

    @PostConstruct
    void load() {
        List<AssetDefinition> loaded = AssetFileLoader.loadFolder(Path.of(assetsDir));
        assets = loaded.stream().collect(Collectors.toUnmodifiableMap(AssetDefinition::id, Function.identity()));
        LOG.info("Serving {} assets from {}", assets.size(), assetsDir);
    }

    public Optional<AssetDefinition> find(String assetId) {
        return Optional.ofNullable(assets.get(assetId));
    }

    public List<AssetDefinition> all() {
        return assets.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }
}
