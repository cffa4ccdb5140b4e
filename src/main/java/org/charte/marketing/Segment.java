package org.charte.marketing;

import java.time.LocalDate;
import java.util.Set;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;

/**
 * Whom a campaign targets, before the law decides who of them may be solicited: an empty set or a
 * null bound means "any". Plans are the commerce module's plan codes (a client with a subscription
 * to one of them, running or past); regions are ISO 3166-2 codes of French regions
 * ({@code FR-IDF}, {@code FR-RE}, ...) derived from the person's postal addresses and phones; the
 * last-contact bounds are inclusive.
 */
public record Segment(Set<SubjectStatus> statuses, Set<String> plans, Set<String> regions, @Nullable Capacity capacity,
        @Nullable LocalDate lastContactFrom, @Nullable LocalDate lastContactTo) {

    public Segment {
        statuses = Set.copyOf(statuses);
        plans = Set.copyOf(plans);
        regions = Set.copyOf(regions);
    }

    /** Everybody. */
    public static Segment everyone() {
        return new Segment(Set.of(), Set.of(), Set.of(), null, null, null);
    }
}
