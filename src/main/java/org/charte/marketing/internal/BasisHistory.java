package org.charte.marketing.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.common.Zones;
import org.charte.marketing.Basis;
import org.charte.marketing.BasisKind;
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

    private final JdbcMarketing rows;
    private final Vault vault;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;

    BasisHistory(JdbcMarketing rows, Vault vault, ApplicationEventPublisher events, Ids ids, Clock clock) {
        this.rows = rows;
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
        Instant now = clock.instant();
        UUID id = ids.next();
        byte[] sealed = entry.details() == null ? null
                : vault.seal(entry.subjectId(), DETAILS_FIELD, entry.details().getBytes(StandardCharsets.UTF_8));
        JdbcMarketing.Row row = new JdbcMarketing.Row(id, entry.subjectId(), entry.channel(), entry.purpose(), entry.kind(), entry.means(),
                entry.wording(), entry.reference(), sealed, now, today(), entry.by());
        rows.append(row);
        events.publishEvent(switch (entry.kind()) {
            case CONSENT -> new ConsentGiven(id, entry.subjectId(), entry.channel(), entry.purpose());
            case CONSENT_WITHDRAWN -> new ConsentWithdrawn(id, entry.subjectId(), entry.channel(), entry.purpose());
            case OBJECTION -> new MarketingObjected(id, entry.subjectId(), entry.channel(), entry.purpose());
            case ANALOGOUS_OFFERS, JOB_RELATED -> new MarketingBasisRecorded(id, entry.subjectId(), entry.channel(), entry.purpose(), entry.kind());
        });
        return new Basis(id, entry.subjectId(), entry.channel(), entry.purpose(), entry.kind(), entry.means(), entry.wording(),
                entry.reference(), entry.details(), now, row.recordedOn(), entry.by());
    }

    CapacityChange capacity(UUID subjectId, Capacity capacity, String by) {
        CapacityChange change = new CapacityChange(ids.next(), subjectId, capacity, clock.instant(), by);
        rows.appendCapacity(change);
        events.publishEvent(new CapacityChanged(change.id(), subjectId, capacity));
        return change;
    }

    /** The current basis per channel and purpose, locked for the caller's transaction. */
    Map<String, BasisKind> lockCurrent(UUID subjectId) {
        return rows.currentKinds(subjectId);
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
