package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.charte.access.KeptForObligations;
import org.charte.commerce.CommerceRetention;
import org.charte.commerce.CommerceRetention.ArchivableRecord;
import org.charte.marketing.MarketingRetention;
import org.charte.retention.ErasedWithThePerson;
import org.charte.retention.LegalHolds.Hold;
import org.charte.retention.RetentionRuns.HeldItem;
import org.charte.subjects.Lifecycle;
import org.charte.subjects.SubjectRetention;
import org.charte.subjects.SubjectStatus;
import org.charte.support.SupportRetention;
import org.jspecify.annotations.Nullable;

/**
 * The people of one status past their rule's limit (prospects, R5.1; inactive clients, R5.3):
 * each batch locks them, re-checks, leaves what a hold keeps, archives what an obligation still
 * covers (L4, when the rule archives), then erases the rest in every module and destroys their
 * keys, all in the batch's transaction. A person past their limit whom only a hold keeps is limited
 * to that hold's purposes ({@link HoldPurposes}, through access's {@link KeptForObligations}: the
 * decision point refuses every other purpose); the limit goes with their erasure.
 */
final class PersonStep implements RetentionStep {

    private final String ruleId;
    private final int order;
    private final SubjectStatus status;
    private final Function<LocalDate, SubjectRetention.Cutoffs> cutoff;
    private final BiPredicate<Lifecycle, LocalDate> due;
    private final @Nullable ArchiveObligations archive;
    private final SubjectRetention subjects;
    private final CommerceRetention commerce;
    private final SupportRetention support;
    private final MarketingRetention marketing;
    private final JdbcArchive archiveStore;
    private final HoldPurposes holdPurposes;
    private final KeptForObligations kept;
    private final List<ErasedWithThePerson> others;

    PersonStep(String ruleId, int order, SubjectStatus status, Function<LocalDate, SubjectRetention.Cutoffs> cutoff, BiPredicate<Lifecycle, LocalDate> due,
            @Nullable ArchiveObligations archive, PersonErasers erasers) {
        this.holdPurposes = erasers.holdPurposes();
        this.kept = erasers.kept();
        this.ruleId = ruleId;
        this.order = order;
        this.status = status;
        this.cutoff = cutoff;
        this.due = due;
        this.archive = archive;
        this.subjects = erasers.subjects();
        this.commerce = erasers.commerce();
        this.support = erasers.support();
        this.marketing = erasers.marketing();
        this.archiveStore = erasers.archive();
        this.others = erasers.others();
    }

    @Override
    public String ruleId() {
        return ruleId;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public long countDue(LocalDate asOf) {
        return subjects.countDue(status, cutoff.apply(asOf));
    }

    @Override
    public List<UUID> dueIds(LocalDate asOf, @Nullable UUID after, int limit) {
        return subjects.dueIds(status, cutoff.apply(asOf), after, limit);
    }

    @Override
    public Outcome apply(Batch batch, List<UUID> ids) {
        LocalDate asOf = batch.asOf();
        Map<UUID, Lifecycle> locked = subjects.lock(ids);
        List<UUID> stillDue = new ArrayList<>();
        for (UUID id : ids) {
            Lifecycle lifecycle = locked.get(id);
            if (lifecycle != null && lifecycle.status() == status && due.test(lifecycle, asOf)) {
                stillDue.add(id);
            }
        }
        long skipped = ids.size() - stillDue.size();
        Map<UUID, List<Hold>> holds = new LinkedHashMap<>();
        for (Hold hold : batch.holds().activeFor(stillDue, asOf)) {
            holds.computeIfAbsent(hold.subjectId(), s -> new ArrayList<>()).add(hold);
        }
        List<UUID> whole = new ArrayList<>();
        Map<UUID, Set<UUID>> partial = new LinkedHashMap<>();
        List<HeldItem> held = new ArrayList<>();
        for (UUID id : stillDue) {
            List<Hold> onPerson = holds.getOrDefault(id, List.of());
            if (onPerson.isEmpty()) {
                whole.add(id);
            } else if (onPerson.stream().anyMatch(Hold::onPerson)) {
                onPerson.stream().filter(Hold::onPerson).forEach(h -> held.add(item("subject", id, id, h)));
            } else {
                Set<UUID> kept = new LinkedHashSet<>();
                for (Hold h : onPerson) {
                    kept.add(h.recordId());
                    held.add(item(h.recordType() == null ? "invoice" : h.recordType(), h.recordId(), id, h));
                }
                partial.put(id, kept);
            }
        }
        List<JdbcArchive.Planned> toArchive = archive == null ? List.of() : plan(whole, partial, asOf);
        List<Erasure> erased = new ArrayList<>();
        long records = 0;
        if (!batch.dryRun()) {
            for (UUID id : stillDue) {
                List<Hold> keeping = holds.getOrDefault(id, List.of());
                if (!keeping.isEmpty()) { // L4: kept only by these holds, for their purposes alone
                    kept.keepOnlyFor(id, holdPurposes.purposes(keeping.stream().map(Hold::kind).distinct().toList()), "legal-hold", "system");
                }
            }
            kept.release(whole, "system");
            archiveStore.write(batch.runId(), asOf, toArchive);
            if (!whole.isEmpty()) {
                records += support.erase(whole);
                records += marketing.erase(whole);
                for (ErasedWithThePerson other : others) {
                    records += other.erase(whole);
                }
                records += commerce.erase(whole, Set.of()).values().stream().mapToLong(Integer::longValue).sum();
                records += subjects.erase(whole);
            }
            for (Map.Entry<UUID, Set<UUID>> person : partial.entrySet()) {
                List<UUID> one = List.of(person.getKey());
                long theirs = support.erase(one) + commerce.erase(one, person.getValue()).values().stream().mapToLong(Integer::longValue).sum()
                        + subjects.eraseOtherInformation(one);
                records += theirs;
                if (theirs > 0) {
                    erased.add(new Erasure("subject-records", person.getKey(), person.getKey(), false));
                }
            }
        } else {
            for (UUID id : partial.keySet()) {
                erased.add(new Erasure("subject-records", id, id, false));
            }
        }
        whole.forEach(id -> erased.add(new Erasure("subject", id, id, true)));
        return new Outcome(erased, records, toArchive.size(), held, skipped);
    }

    private HeldItem item(String recordType, @Nullable UUID recordId, UUID subjectId, Hold hold) {
        return new HeldItem(ruleId, recordType, recordId == null ? subjectId : recordId, subjectId, hold.id(), hold.kind(), hold.reasonCode(),
                hold.endsOn());
    }

    /**
     * What goes to the archive: every record of the people erased whole, and of the people kept for
     * a record hold the records that go (not the held invoices, their payments, nor what they bill),
     * when an obligation still covers it on the day.
     */
    private List<JdbcArchive.Planned> plan(List<UUID> whole, Map<UUID, Set<UUID>> partial, LocalDate asOf) {
        List<UUID> people = new ArrayList<>(whole);
        people.addAll(partial.keySet());
        if (people.isEmpty()) {
            return List.of();
        }
        List<ArchivableRecord> records = commerce.archivableRecords(people);
        Set<UUID> staying = new LinkedHashSet<>();
        for (ArchivableRecord record : records) {
            Set<UUID> kept = partial.get(record.subjectId());
            if (kept != null && (kept.contains(record.id()) || record.links().stream().anyMatch(kept::contains))) {
                staying.add(record.id());
            }
        }
        for (ArchivableRecord record : records) {
            Set<UUID> kept = partial.get(record.subjectId());
            if (kept != null && record.type().equals("invoice") && kept.contains(record.id())) {
                staying.addAll(record.links()); // the order or subscription a held invoice bills stays with it
            }
        }
        List<JdbcArchive.Planned> planned = new ArrayList<>();
        for (ArchivableRecord record : records) {
            if (staying.contains(record.id())) {
                continue;
            }
            Optional<ArchiveObligations.Keeping> keeping = archive.keeping(record.type(), record.documentDate(), record.contractEnd(), asOf);
            keeping.ifPresent(k -> planned.add(new JdbcArchive.Planned(record.type(), record.id(), record.subjectId(), k.obligations(),
                    k.categories(), k.start(), k.keepUntil())));
        }
        return planned;
    }
}
