package org.openfactory.graphql.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openfactory.graphql.schema.Asset;
import org.openfactory.graphql.schema.Availability;
import org.openfactory.graphql.schema.DataItem;
import org.openfactory.graphql.schema.DataItems;
import org.openfactory.graphql.state.AssetCatalog;
import org.openfactory.graphql.state.LiveState;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.projection.DataItemState;

@GraphQLApi
@ApplicationScoped
public class AssetQueries {

    @Inject
    AssetCatalog catalog;

    @Inject
    LiveState live;

    @Query("asset")
    @Description("One asset with the latest value of each data item. Fails with NOT_FOUND for an unknown id.")
    public @NonNull Asset asset(@Name("id") @NonNull String id) throws AssetNotFoundException {
        AssetDefinition definition = catalog.find(id).orElseThrow(() -> new AssetNotFoundException(id));
        return toAsset(definition);
    }

    @Query("assets")
    @Description("All assets, ordered by id.")
    public @NonNull List<@NonNull Asset> assets() {
        return catalog.all().stream().map(this::toAsset).toList();
    }

    private Asset toAsset(AssetDefinition definition) {
        Map<String, DataItemState> states = live.state().of(definition.id());
        List<DataItem> items = definition.dataItems().stream()
                .map(d -> states.containsKey(d.id())
                        ? DataItems.of(states.get(d.id()))
                        : DataItems.unobserved(definition.id(), d))
                .toList();
        Availability availability = live.availability().of(definition.id())
                .map(a -> Availability.valueOf(a.availability().name())).orElse(null);
        return new Asset(definition.id(), definition.unsPath(), definition.type(), availability, items);
    }
}
