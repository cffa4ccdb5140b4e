package org.charte.retention.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.charte.access.KeptForObligations;
import org.charte.commerce.CommerceRetention;
import org.charte.policy.Policy;
import org.charte.hosting.DestructionSchedule;
import org.charte.hosting.HostedDatabaseDestruction;
import org.charte.retention.ArchiveObligations;
import org.charte.retention.CardReferenceRetention;
import org.charte.retention.CookieRetention;
import org.charte.retention.HoldPurposes;
import org.charte.retention.InactiveClientRetention;
import org.charte.retention.ProspectRetention;
import org.charte.retention.RetentionStep;
import org.charte.subjects.SubjectRetention;
import org.charte.subjects.SubjectStatus;
import org.charte.support.SupportRetention;
import org.springframework.stereotype.Component;

/**
 * The steps Charte runs by itself, each built from the policy's rule (a rule the policy does not
 * have gives no step): card references (L7), prospects (R5.1), inactive clients (R5.3, L4), the
 * archive's expiry (L4), hosted databases (R5.5), cookies (R5.4). Active clients (R5.2) are never selected.
 */
@Component
class BuiltInSteps {

    private final List<RetentionStep> steps = new ArrayList<>();

    BuiltInSteps(Policy policy, SubjectRetention subjects, CommerceRetention commerce, SupportRetention support, JdbcArchive archive,
            JdbcLegalHolds holds, HostedDatabaseDestruction hosting, KeptForObligations kept, Clock clock) {
        HoldPurposes holdPurposes = HoldPurposes.of(policy);
        CardReferenceRetention.of(policy).ifPresent(rule -> steps.add(new CardReferenceStep(rule, commerce)));
        ProspectRetention.of(policy).ifPresent(rule -> steps.add(new PersonStep(rule.ruleId(), 20, SubjectStatus.PROSPECT, rule::cutoffs,
                (lifecycle, asOf) -> rule.isDue(lifecycle.lastContactOn(), asOf),
                null, subjects, commerce, support, archive, holdPurposes, kept)));
        InactiveClientRetention.of(policy).ifPresent(rule -> steps.add(new PersonStep(rule.ruleId(), 30, SubjectStatus.CLIENT_INACTIVE,
                rule::cutoffs, (lifecycle, asOf) -> rule.isDue(lifecycle.contractEndedOn(), lifecycle.lastContactOn(), asOf),
                rule.archives() ? ArchiveObligations.of(policy) : null, subjects, commerce, support, archive, holdPurposes, kept)));
        steps.add(new ArchiveExpiryStep(archive, holds));
        DestructionSchedule.find(policy).ifPresent(rule -> steps.add(new HostedDatabaseStep(rule, hosting, clock)));
        CookieRetention.of(policy).ifPresent(rule -> steps.add(new CookieStep(rule)));
    }

    List<RetentionStep> steps() {
        return List.copyOf(steps);
    }
}
