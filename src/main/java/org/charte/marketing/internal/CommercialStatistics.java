package org.charte.marketing.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.marketing.BasisKind;
import org.charte.marketing.MarketingChoices;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commercial statistics (R4.2): aggregates only, never a row about one person. Counts of consents,
 * withdrawals and objections in force per channel and marketing purpose, and people per status, each
 * cell under the threshold suppressed ({@link SmallCells}). The decision point decides per person and
 * per grant; an aggregate touches no one person, so the read is decided here on the policy: the actor
 * must be staff whose role holds the purpose {@code commercial-statistics}, with the current
 * confidentiality commitment signed where the role requires it (R6.1). Allowed or refused, one audit
 * entry without a subject id records it (R6.5).
 */
@Service
class CommercialStatistics {

    static final String PURPOSE = "commercial-statistics";
    static final String ACTION = "read-aggregate";
    static final String RESOURCE = "marketing-statistics";

    /** One channel and marketing purpose: counts of people by their basis in force, null when suppressed; rates in percent of all people. */
    record Cell(MarketingChannel channel, String purpose, @Nullable Long consents, @Nullable Double consentRate, @Nullable Long withdrawals,
            @Nullable Long objections, @Nullable Double objectionRate) {}

    /** People of one status, null when suppressed. */
    record StatusCount(SubjectStatus status, @Nullable Long people) {}

    /** The whole table: the threshold applied, all people (suppressed too when small), per status, per cell. */
    record Statistics(int minCell, @Nullable Long people, List<StatusCount> statuses, List<Cell> cells) {}

    private final JdbcMarketingStatistics counts;
    private final MarketingChoices choices;
    private final Subjects subjects;
    private final StaffDirectory staff;
    private final Commitments commitments;
    private final Policy policy;
    private final AuditLog audit;
    private final SmallCells small;

    CommercialStatistics(JdbcMarketingStatistics counts, MarketingChoices choices, Subjects subjects, StaffDirectory staff, Commitments commitments,
            Policy policy, AuditLog audit, @Value("${charte.marketing.statistics.min-cell:" + SmallCells.DEFAULT_MIN_CELL + "}") int minCell) {
        this.counts = counts;
        this.choices = choices;
        this.subjects = subjects;
        this.staff = staff;
        this.commitments = commitments;
        this.policy = policy;
        this.audit = audit;
        this.small = new SmallCells(minCell);
    }

    /**
     * The statistics, for an actor allowed the purpose {@code commercial-statistics}.
     *
     * @throws AccessDeniedException when refused (recorded in the audit log)
     */
    @Transactional(readOnly = true)
    Statistics read(Actor actor) {
        String refusal = refusal(actor);
        if (refusal != null) {
            audit.append(new AuditEvent(actor.typedId(), ACTION, PURPOSE, RESOURCE, null, null, List.of(), AuditOutcome.DENIED, refusal));
            throw new AccessDeniedException(refusal);
        }
        audit.append(new AuditEvent(actor.typedId(), ACTION, PURPOSE, RESOURCE, null, null, List.of(), AuditOutcome.ALLOWED, "aggregates only"));
        Map<SubjectStatus, Long> byStatus = new EnumMap<>(SubjectStatus.class);
        byStatus.putAll(subjects.countByStatus());
        long people = byStatus.values().stream().mapToLong(Long::longValue).sum();
        List<StatusCount> statuses = new ArrayList<>();
        for (SubjectStatus status : SubjectStatus.values()) {
            statuses.add(new StatusCount(status, small.shown(byStatus.getOrDefault(status, 0L))));
        }
        Map<String, Long> byKey = new HashMap<>();
        for (JdbcMarketingStatistics.Count c : counts.counts()) {
            byKey.merge(key(c.channel(), c.purpose(), c.kind()), c.people(), Long::sum);
        }
        List<Cell> cells = new ArrayList<>();
        for (String purpose : choices.purposes()) {
            for (MarketingChannel channel : MarketingChannel.values()) {
                long consents = byKey.getOrDefault(key(channel, purpose, BasisKind.CONSENT), 0L);
                long withdrawals = byKey.getOrDefault(key(channel, purpose, BasisKind.CONSENT_WITHDRAWN), 0L);
                long objections = byKey.getOrDefault(key(channel, purpose, BasisKind.OBJECTION), 0L);
                cells.add(new Cell(channel, purpose, small.shown(consents), small.rate(consents, people), small.shown(withdrawals),
                        small.shown(objections), small.rate(objections, people)));
            }
        }
        return new Statistics(small.minCell(), small.shown(people), statuses, cells);
    }

    /** Why the actor may not read the statistics, or null when they may. */
    private @Nullable String refusal(Actor actor) {
        if (actor.kind() != Actor.Kind.STAFF) {
            return "commercial statistics are read by staff only";
        }
        Optional<StaffMember> member = staff.find(actor.id());
        Optional<Policy.Role> role = member.flatMap(m -> policy.role(m.role()));
        if (role.isEmpty() || !role.get().purposes().contains(PURPOSE)) {
            return "the role does not serve the purpose commercial-statistics";
        }
        if (role.get().commitmentRequired() && !commitments.signedCurrent(actor.id())) {
            return "the current confidentiality commitment is not signed";
        }
        return null;
    }

    private static String key(MarketingChannel channel, String purpose, BasisKind kind) {
        return channel.name() + '|' + purpose + '|' + kind.name();
    }
}
