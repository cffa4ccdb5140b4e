package org.charte.marketing.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.common.Zones;
import org.charte.marketing.Basis;
import org.charte.marketing.BasisKind;
import org.charte.marketing.CallHoursConsent;
import org.charte.marketing.Capacity;
import org.charte.marketing.CapacityChange;
import org.charte.marketing.CapacityChanged;
import org.charte.marketing.ConsentGiven;
import org.charte.marketing.ConsentWithdrawn;
import org.charte.marketing.MarketingBasisRecorded;
import org.charte.marketing.MarketingObjected;
import org.charte.marketing.Means;
import org.charte.policy.MarketingChannel;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes and reads a person's marketing history: each entry appended (never changed), its details
 * sealed under the person's key, the current basis moved in the same transaction, and the event of
 * the change published there too.
 */
@Component
class BasisHistory {

    static final String DETAILS_FIELD = "marketing-details";
    static final String CALL_HOURS_FIELD = "marketing-call-hours";

    private final JdbcMarketing rows;
    private final JdbcCallHours callHours;
    private final JdbcAudience audience;
    private final Vault vault;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;

    BasisHistory(JdbcMarketing rows, JdbcCallHours callHours, JdbcAudience audience, Vault vault, ApplicationEventPublisher events, Ids ids,
            Clock clock) {
        this.rows = rows;
        this.callHours = callHours;
        this.audience = audience;
        this.vault = vault;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Zones.PARIS));
    }

    /** The entry to add: what, how, and the typed id of who records it. */
    record NewEntry(UUID subjectId, MarketingChannel channel, String purpose, BasisKind kind, Means means, @Nullable String wording,
            @Nullable String reference, @Nullable String details, String by) {}

    Basis append(NewEntry entry) {
        Prepared prepared = prepare(entry);
        rows.append(prepared.row());
        return published(prepared);
    }

    /** An entry to append, and whether its channel and purpose have a current row already (locked by the caller's transaction). */
    record Next(NewEntry entry, boolean currentExists) {}

    /** Appends these entries in a few statements, each made the current basis of its channel and purpose. */
    List<Basis> appendAll(List<Next> entries) {
        List<Prepared> prepared = new ArrayList<>(entries.size());
        List<JdbcMarketing.Append> appends = new ArrayList<>(entries.size());
        for (Next next : entries) {
            Prepared p = prepare(next.entry());
            prepared.add(p);
            appends.add(new JdbcMarketing.Append(p.row(), next.currentExists()));
        }
        rows.appendAll(appends);
        return prepared.stream().map(this::published).toList();
    }

    /** An entry ready to write: its row (details sealed) beside what was asked. */
    private record Prepared(NewEntry entry, JdbcMarketing.Row row) {}

    private Prepared prepare(NewEntry entry) {
        byte[] sealed = entry.details() == null ? null
                : vault.seal(entry.subjectId(), DETAILS_FIELD, entry.details().getBytes(StandardCharsets.UTF_8));
        return new Prepared(entry, new JdbcMarketing.Row(ids.next(), entry.subjectId(), entry.channel(), entry.purpose(), entry.kind(),
                entry.means(), entry.wording(), entry.reference(), sealed, clock.instant(), today(), entry.by()));
    }

    /** Publishes the event of an entry written (in its transaction) and answers it as recorded. */
    private Basis published(Prepared prepared) {
        NewEntry entry = prepared.entry();
        UUID id = prepared.row().id();
        events.publishEvent(switch (entry.kind()) {
            case CONSENT -> new ConsentGiven(id, entry.subjectId(), entry.channel(), entry.purpose());
            case CONSENT_WITHDRAWN -> new ConsentWithdrawn(id, entry.subjectId(), entry.channel(), entry.purpose());
            case OBJECTION -> new MarketingObjected(id, entry.subjectId(), entry.channel(), entry.purpose());
            case ANALOGOUS_OFFERS, JOB_RELATED -> new MarketingBasisRecorded(id, entry.subjectId(), entry.channel(), entry.purpose(), entry.kind());
        });
        return new Basis(id, entry.subjectId(), entry.channel(), entry.purpose(), entry.kind(), entry.means(), entry.wording(),
                entry.reference(), entry.details(), prepared.row().recordedAt(), prepared.row().recordedOn(), entry.by());
    }

    CapacityChange capacity(UUID subjectId, Capacity capacity, String by) {
        CapacityChange change = new CapacityChange(ids.next(), subjectId, capacity, clock.instant(), by);
        rows.appendCapacity(change);
        audience.capacity(subjectId, change.recordedAt()); // the current one beside the other audience facts (V51)
        events.publishEvent(new CapacityChanged(change.id(), subjectId, capacity));
        return change;
    }

    /** Appends a consent to be called at other times (or its withdrawal), the wording shown sealed under the person's key. */
    CallHoursConsent appendCallHours(UUID subjectId, boolean consented, Means means, @Nullable String wording, String by) {
        Instant now = clock.instant();
        UUID id = ids.next();
        byte[] sealed = wording == null ? null : vault.seal(subjectId, CALL_HOURS_FIELD, wording.getBytes(StandardCharsets.UTF_8));
        callHours.insert(new JdbcCallHours.Row(id, subjectId, consented, means, sealed, now, by));
        return new CallHoursConsent(id, subjectId, consented, means, wording, now, by);
    }

    /** Whether the person's latest call-hours entry is a consent to be called at other times (L2). */
    boolean otherTimesConsented(UUID subjectId) {
        return callHours.consented(subjectId);
    }

    /** The person's call-hours entries, oldest first, opened with their key. */
    List<CallHoursConsent> callHours(UUID subjectId) {
        List<JdbcCallHours.Row> found = callHours.history(subjectId);
        if (found.isEmpty()) {
            return List.of();
        }
        Vault.SubjectKey key = vault.keyOnDemand(subjectId);
        return found.stream().map(r -> new CallHoursConsent(r.id(), r.subjectId(), r.consented(), r.means(),
                r.proof() == null ? null : new String(key.open(CALL_HOURS_FIELD, r.proof()), StandardCharsets.UTF_8), r.recordedAt(),
                r.recordedBy())).toList();
    }

    /** The current basis per channel and purpose, locked for the caller's transaction. */
    Map<String, BasisKind> lockCurrent(UUID subjectId) {
        return rows.currentKinds(subjectId);
    }

    /** The current basis per channel and purpose of each of these people (a map for each, empty if none), locked for the caller's transaction. */
    Map<UUID, Map<String, BasisKind>> lockCurrent(Collection<UUID> subjectIds) {
        return rows.currentKinds(subjectIds);
    }

    /** The history, opened with the person's key. */
    List<Basis> history(UUID subjectId) {
        Vault.SubjectKey key = vault.keyOnDemand(subjectId);
        return rows.history(subjectId).stream().map(r -> new Basis(r.id(), r.subjectId(), r.channel(), r.purpose(), r.kind(), r.means(),
                r.wording(), r.reference(), r.details() == null ? null : new String(key.open(DETAILS_FIELD, r.details()), StandardCharsets.UTF_8),
                r.recordedAt(), r.recordedOn(), r.recordedBy())).toList();
    }

    List<UUID> currentIds(UUID subjectId) {
        return rows.currentIds(subjectId);
    }

    List<CapacityChange> capacities(UUID subjectId) {
        return rows.capacities(subjectId);
    }
}
