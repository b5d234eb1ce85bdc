package org.openfactory.graphql.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openfactory.graphql.schema.Asset;
import org.openfactory.graphql.schema.AssetConnector;
import org.openfactory.graphql.schema.AssetConnection;
import org.openfactory.graphql.schema.AssetEdge;
import org.openfactory.graphql.schema.AssetState;
import org.openfactory.graphql.schema.Availability;
import org.openfactory.graphql.schema.DataItem;
import org.openfactory.graphql.schema.DataItems;
import org.openfactory.graphql.schema.PageInfo;
import org.openfactory.graphql.state.LiveState;
import org.openfactory.registry.asset.AssetDefinition;
import org.openfactory.registry.projection.AssetStateAt;
import org.openfactory.registry.projection.DataItemState;
import org.openfactory.registry.view.RegistryEntry;
import org.openfactory.registry.view.RegistryView;

@GraphQLApi
@ApplicationScoped
public class AssetQueries {

    static final int MAX_PAGE = 500;
    private static final Duration TIME_TRAVEL_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    LiveState live;

    @Query("asset")
    @Description("One asset with the latest value of each data item. Fails with NOT_FOUND for an unknown or retired "
            + "id.")
    public @NonNull Asset asset(@Name("id") @NonNull String id) throws AssetNotFoundException {
        RegistryEntry entry = live.registry().findActive(id).orElseThrow(() -> new AssetNotFoundException(id));
        return toAsset(entry);
    }

    @Query("assets")
    @Description("Registered assets ordered by id, a page at a time (Relay cursor connection), optionally only "
            + "those under a UNS prefix (whole segments, e.g. acme/plant1) and of one type.")
    public @NonNull AssetConnection assets(@Name("unsPrefix") String unsPrefix, @Name("type") String type,
                                           @Name("first") @DefaultValue("50") int first,
                                           @Name("after") String after) throws BadRequestException {
        if (first < 0 || first > MAX_PAGE) {
            throw new BadRequestException("first must be between 0 and " + MAX_PAGE + ", not " + first);
        }
        RegistryView view = live.registry();
        List<RegistryEntry> matching = new ArrayList<>(unsPrefix == null ? view.all() : view.byUnsPrefix(unsPrefix));
        if (type != null) {
            matching.removeIf(e -> !e.definition().type().equals(type));
        }
        int start = 0;
        if (after != null) {
            String afterId = idOfCursor(after);
            while (start < matching.size() && matching.get(start).id().compareTo(afterId) <= 0) {
                start++;
            }
        }
        int end = Math.min(matching.size(), start + first);
        List<AssetEdge> edges = matching.subList(start, end).stream()
                .map(e -> new AssetEdge(cursorOf(e.id()), toAsset(e))).toList();
        PageInfo page = new PageInfo(end < matching.size(), start > 0,
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
        return new AssetConnection(edges, page, matching.size());
    }

    @Query("assetStateAt")
    @Description("The state of an asset as of a given time, reconstructed from the log. Fails with NOT_FOUND for "
            + "an asset that was never registered.")
    public @NonNull AssetState assetStateAt(@Name("id") @NonNull String id, @Name("time") @NonNull Instant time)
            throws AssetNotFoundException {
        if (live.registry().find(id).isEmpty()) {
            throw new AssetNotFoundException(id);
        }
        AssetStateAt state = live.timeTravel().query(id, time, TIME_TRAVEL_TIMEOUT);
        List<DataItem> items = state.items().values().stream()
                .sorted((a, b) -> a.dataItemId().compareTo(b.dataItemId()))
                .map(DataItems::of).toList();
        return new AssetState(id, time, items, state.scan().records());
    }

    Asset toAsset(RegistryEntry entry) {
        AssetDefinition definition = entry.definition();
        Map<String, DataItemState> states = live.state().of(definition.id());
        List<DataItem> items = definition.dataItems().stream()
                .map(d -> states.containsKey(d.id())
                        ? DataItems.of(states.get(d.id()))
                        : DataItems.unobserved(definition.id(), d))
                .toList();
        Availability availability = live.availability().of(definition.id())
                .map(a -> Availability.valueOf(a.availability().name())).orElse(null);
        return new Asset(definition.id(), entry.uuid(), definition.unsPath(), definition.type(),
                definition.description(), entry.revision(), entry.registeredAt(), entry.updatedAt(),
                new AssetConnector(definition.connector().type(), definition.connector().endpoint()), availability,
                items);
    }

    /** Opaque to clients; an asset id underneath, so a page boundary survives changes elsewhere in the list. */
    static String cursorOf(String assetId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("asset:" + assetId)
                .getBytes(StandardCharsets.UTF_8));
    }

    static String idOfCursor(String cursor) throws BadRequestException {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("asset:")) {
                return decoded.substring("asset:".length());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadRequestException("after: '" + cursor + "' is not a cursor of this list");
    }
}
