package org.charte.retention.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.common.Zones;
import org.charte.cookies.ConsentProofRetention;
import org.jspecify.annotations.Nullable;

/**
 * R5.4, L3: the proofs of cookie choices go when the policy's rule for cookie choices ends (the rule
 * starting at {@code consent-given}: 13 months after the choice in the shipped policy, the cookie's
 * own lifetime), with a proof of erasure each. A proof names a random consent id, never a person, so
 * no legal hold reaches it.
 */
final class ConsentProofStep implements RetentionStep {

    static final String RECORD_TYPE = "consent-record";

    private final CookieRetention rule;
    private final ConsentProofRetention proofs;

    ConsentProofStep(CookieRetention rule, ConsentProofRetention proofs) {
        this.rule = rule;
        this.proofs = proofs;
    }

    /** The first instant still kept on {@code asOf}: the start, in Paris, of the rule's cutoff day. */
    private Instant cutoff(LocalDate asOf) {
        return rule.cutoff(asOf).atStartOfDay(Zones.PARIS).toInstant();
    }

    @Override
    public String ruleId() {
        return rule.ruleId();
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public long countDue(LocalDate asOf) {
        return proofs.countRecordedBefore(cutoff(asOf));
    }

    @Override
    public List<UUID> dueIds(LocalDate asOf, @Nullable UUID after, int limit) {
        return proofs.recordedBefore(cutoff(asOf), after, limit);
    }

    @Override
    public Outcome apply(Batch batch, List<UUID> ids) {
        Map<UUID, Instant> locked = proofs.lock(ids);
        List<UUID> due = new ArrayList<>();
        List<Erasure> erased = new ArrayList<>();
        locked.forEach((id, recordedAt) -> {
            if (rule.isDue(LocalDate.ofInstant(recordedAt, Zones.PARIS), batch.asOf())) {
                due.add(id);
                erased.add(new Erasure(RECORD_TYPE, id, null, false));
            }
        });
        long records = batch.dryRun() ? 0 : proofs.erase(due);
        return new Outcome(erased, records, 0, List.of(), ids.size() - due.size());
    }
}
