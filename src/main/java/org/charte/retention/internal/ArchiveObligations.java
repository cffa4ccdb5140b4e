package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.charte.policy.Policy;
import org.charte.policy.Policy.Obligation;
import org.jspecify.annotations.Nullable;

/**
 * L4, the intermediate archive's obligations (accounting, tax, limitation): each keeps some kinds
 * of records for a duration from the record's own start; a record is kept until the latest
 * keep-until of the obligations that cover it, and expires the day after.
 */
record ArchiveObligations(List<Obligation> obligations) {

    public ArchiveObligations {
        obligations = List.copyOf(obligations);
    }

    public static ArchiveObligations of(Policy policy) {
        return new ArchiveObligations(policy.archive());
    }

    /**
     * Why and until when a record is kept: the obligations still covering it on the day (the
     * latest first), the day its keeping ends, the start that day counts from, and the data
     * categories those obligations need.
     */
    public record Keeping(List<String> obligations, LocalDate keepUntil, LocalDate start, List<String> categories) {}

    /** The record's start for an obligation: its document's date, or the end of the contract it evidences. */
    public static LocalDate start(Obligation obligation, LocalDate documentDate, LocalDate contractEnd) {
        return "contract-end".equals(obligation.start()) ? contractEnd : documentDate;
    }

    /** The obligations that still cover a record of that type on {@code asOf}; empty when none does (it is erased). */
    public Optional<Keeping> keeping(String recordType, LocalDate documentDate, LocalDate contractEnd, LocalDate asOf) {
        List<Obligation> covering = new ArrayList<>();
        LocalDate latest = null;
        LocalDate latestStart = null;
        for (Obligation obligation : obligations) {
            if (!obligation.records().contains(recordType)) {
                continue;
            }
            LocalDate start = start(obligation, documentDate, contractEnd);
            LocalDate until = new Deadline(obligation.duration()).keptUntil(start);
            if (isExpired(until, asOf)) {
                continue;
            }
            if (latest == null || until.isAfter(latest)) {
                covering.addFirst(obligation);
                latest = until;
                latestStart = start;
            } else {
                covering.add(obligation);
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        TreeSet<String> categories = new TreeSet<>();
        covering.forEach(o -> categories.addAll(o.categories()));
        return Optional.of(new Keeping(covering.stream().map(Obligation::id).toList(), latest, latestStart, List.copyOf(categories)));
    }

    /** An archive entry kept until {@code keepUntil} is erased from the day after. */
    public static boolean isExpired(LocalDate keepUntil, LocalDate asOf) {
        return keepUntil.isBefore(asOf);
    }

    /**
     * Until when each obligation of an archive entry keeps it: an entry stores its obligations (the
     * latest-ending first) and the start its keep-until counts from, which is the start of every
     * obligation counting from the same event; one counting from another event is left out (null),
     * bounded by the entry's keep-until. In the order given; an id the policy does not know is left out.
     */
    public List<Until> ends(List<String> obligationIds, LocalDate recordStart) {
        List<Until> ends = new ArrayList<>();
        String startKind = null;
        for (String id : obligationIds) {
            Optional<Obligation> obligation = obligations.stream().filter(o -> o.id().equals(id)).findFirst();
            if (obligation.isEmpty()) {
                continue;
            }
            if (startKind == null) {
                startKind = obligation.get().start();
            }
            ends.add(new Until(obligation.get(), startKind.equals(obligation.get().start())
                    ? new Deadline(obligation.get().duration()).keptUntil(recordStart) : null));
        }
        return ends;
    }

    /** An obligation and the last day it keeps a record (null when it counts from another start than the one stored). */
    public record Until(Obligation obligation, @Nullable LocalDate until) {}
}
