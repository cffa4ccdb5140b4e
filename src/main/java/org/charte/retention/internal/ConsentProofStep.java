package org.charte.retention.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.common.Zones;
import org.charte.cookies.ConsentProofRetention;
import org.jspecify.annotations.Nullable;

/**
 * R5.4, L3: the proofs of cookie choices go when the policy's rule for cookie choices ends (the rule
 * starting at {@code consent-given}: 13 months after the choice in the shipped policy, the cookie's
 * own lifetime), with a proof of erasure each. A proof names a random consent id, never a person, so
 * no legal hold reaches it. On PostgreSQL a month of proofs with a partition of its own goes whole
 * once {@link CookieRetention} says every day of it is due: its partitions are dropped, with one proof
 * of erasure for the month (type {@value #MONTH_RECORD_TYPE}, its id {@link #monthId}); the proofs of
 * other months go one by one as before. Month ids sort before every proof's (UUIDv7), so paging by id
 * takes the months first.
 */
final class ConsentProofStep implements RetentionStep {

    static final String RECORD_TYPE = "consent-record";
    static final String MONTH_RECORD_TYPE = "consent-record-month";

    private final CookieRetention rule;
    private final ConsentProofRetention proofs;

    ConsentProofStep(CookieRetention rule, ConsentProofRetention proofs) {
        this.rule = rule;
        this.proofs = proofs;
    }

    /** A month's id in the run: 00000000-0000-0000-0000-000000YYYYMM, readable, below any UUIDv7. */
    static UUID monthId(YearMonth month) {
        return new UUID(0L, Long.parseLong("%04d%02d".formatted(month.getYear(), month.getMonthValue()), 16));
    }

    private static boolean isMonthId(UUID id) {
        return id.getMostSignificantBits() == 0L;
    }

    static YearMonth monthOf(UUID id) {
        String digits = Long.toHexString(id.getLeastSignificantBits());
        return YearMonth.of(Integer.parseInt(digits.substring(0, digits.length() - 2)), Integer.parseInt(digits.substring(digits.length() - 2)));
    }

    /** The first instant still kept on {@code asOf}: the start, in Paris, of the rule's cutoff day. */
    private Instant cutoff(LocalDate asOf) {
        return rule.cutoff(asOf).atStartOfDay(Zones.PARIS).toInstant();
    }

    /** The months that go whole on {@code asOf}: those with a partition of their own that the rule says are wholly due. */
    private List<YearMonth> wholeMonths(LocalDate asOf) {
        return proofs.partitionedMonths().stream().filter(month -> rule.isWholeMonthDue(month, asOf)).toList();
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
        List<YearMonth> months = wholeMonths(asOf);
        return months.size() + proofs.countRecordedBefore(cutoff(asOf), months);
    }

    @Override
    public List<UUID> dueIds(LocalDate asOf, @Nullable UUID after, int limit) {
        List<YearMonth> months = wholeMonths(asOf);
        if (after != null && !isMonthId(after)) {
            return proofs.recordedBefore(cutoff(asOf), months, after, limit);
        }
        List<UUID> ids = new ArrayList<>(months.stream().map(ConsentProofStep::monthId).filter(id -> after == null || id.compareTo(after) > 0)
                .sorted().limit(limit).toList());
        if (ids.size() < limit) {
            ids.addAll(proofs.recordedBefore(cutoff(asOf), months, null, limit - ids.size()));
        }
        return ids;
    }

    @Override
    public Outcome apply(Batch batch, List<UUID> ids) {
        Set<YearMonth> whole = new HashSet<>(wholeMonths(batch.asOf()));
        List<Erasure> erased = new ArrayList<>();
        long records = 0;
        List<UUID> rows = new ArrayList<>();
        long skipped = 0;
        for (UUID id : ids) {
            if (!isMonthId(id)) {
                rows.add(id);
            } else if (whole.contains(monthOf(id))) {
                erased.add(new Erasure(MONTH_RECORD_TYPE, id, null, false));
                records += batch.dryRun() ? 0 : proofs.dropMonth(monthOf(id));
            } else {
                skipped++;
            }
        }
        Map<UUID, Instant> locked = proofs.lock(rows);
        List<UUID> due = new ArrayList<>();
        locked.forEach((id, recordedAt) -> {
            if (rule.isDue(LocalDate.ofInstant(recordedAt, Zones.PARIS), batch.asOf())) {
                due.add(id);
                erased.add(new Erasure(RECORD_TYPE, id, null, false));
            }
        });
        records += batch.dryRun() ? 0 : proofs.erase(due);
        return new Outcome(erased, records, 0, List.of(), skipped + rows.size() - due.size());
    }
}
