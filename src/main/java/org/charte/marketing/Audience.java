package org.charte.marketing;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a dry run finds: how many of the people a campaign's segment targets may be solicited now,
 * and how many may not, by their first {@link Exclusion}. Counts only: it names nobody.
 */
public record Audience(long targeted, long eligible, Map<Exclusion, Long> excluded) {

    public Audience {
        EnumMap<Exclusion, Long> all = new EnumMap<>(Exclusion.class);
        for (Exclusion exclusion : Exclusion.values()) {
            all.put(exclusion, excluded.getOrDefault(exclusion, 0L));
        }
        excluded = Map.copyOf(all);
    }
}
