package org.openfactory.ingestion.northbound.opcua.browse;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.openfactory.registry.asset.AssetValidator;

/**
 * Data item ids from browse names: lower camel case, only letters, digits and '_', starting with a letter, at most
 * 63 characters ({@link AssetValidator#DATA_ITEM_ID}); a name met twice gets {@code _2}, {@code _3}, ...
 */
final class DataItemIds {

    private static final int MAX = 63;

    private final Set<String> used = new HashSet<>();

    String idFor(String browseName) {
        String base = sanitise(browseName);
        String id = base;
        for (int n = 2; !used.add(id.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "_" + n;
            id = (base.length() + suffix.length() > MAX ? base.substring(0, MAX - suffix.length()) : base) + suffix;
        }
        return id;
    }

    /** "Target Pressure" -> targetPressure, HeaterOn -> heaterOn, PLCState stays, "1st-Stage" -> n1stStage. */
    static String sanitise(String browseName) {
        String[] words = (browseName == null ? "" : browseName).split("[^A-Za-z0-9_]+");
        var id = new StringBuilder();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            if (id.isEmpty()) {
                boolean acronym = word.length() > 1 && Character.isUpperCase(word.charAt(1));
                id.append(acronym ? word : Character.toLowerCase(word.charAt(0)) + word.substring(1));
            } else {
                id.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
        }
        if (id.isEmpty()) {
            id.append("item");
        } else if (!Character.isLetter(id.charAt(0))) {
            id.insert(0, 'n');
        }
        return id.length() > MAX ? id.substring(0, MAX) : id.toString();
    }
}
