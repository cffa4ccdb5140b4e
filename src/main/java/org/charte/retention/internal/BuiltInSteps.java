package org.charte.retention.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.charte.cookies.ConsentProofRetention;
import org.charte.cookies.NavigationDataRetention;
import org.charte.policy.Policy;
import org.charte.hosting.DestructionSchedule;
import org.charte.hosting.HostedDatabaseDestruction;
import org.charte.subjects.SubjectStatus;
import org.springframework.stereotype.Component;

/**
 * The steps Charte runs by itself, each built from the policy's rule (a rule the policy does not
 * have gives no step): card references (L7), prospects (R5.1), inactive clients (R5.3, L4), the
 * archive's expiry (L4), hosted databases (R5.5). Active clients (R5.2) are never selected. A rule
 * whose data Charte does not keep yet has no step, so no run claims to apply it. The rule of cookie
 * choices (personalisation cookies) erases the proofs of those choices (L3), and the navigation rule
 * the beacon's navigation data (R5.4, L8: 25 months at most), through the cookies module.
 */
@Component
class BuiltInSteps {

    private final List<RetentionStep> steps = new ArrayList<>();

    BuiltInSteps(Policy policy, PersonErasers erasers, LegalHoldService holds, HostedDatabaseDestruction hosting, Clock clock,
            ConsentProofRetention consentProofs, NavigationDataRetention navigation) {
        CardReferenceRetention.of(policy).ifPresent(rule -> steps.add(new CardReferenceStep(rule, erasers.commerce())));
        ProspectRetention.of(policy).ifPresent(rule -> steps.add(new PersonStep(rule.ruleId(), 20, SubjectStatus.PROSPECT, rule::cutoffs,
                (lifecycle, asOf) -> rule.isDue(lifecycle.lastContactOn(), asOf),
                null, erasers)));
        InactiveClientRetention.of(policy).ifPresent(rule -> steps.add(new PersonStep(rule.ruleId(), 30, SubjectStatus.CLIENT_INACTIVE,
                rule::cutoffs, (lifecycle, asOf) -> rule.isDue(lifecycle.contractEndedOn(), lifecycle.lastContactOn(), asOf),
                rule.archives() ? ArchiveObligations.of(policy) : null, erasers)));
        steps.add(new ArchiveExpiryStep(erasers.archive(), holds));
        DestructionSchedule.find(policy).ifPresent(rule -> steps.add(new HostedDatabaseStep(rule, hosting, clock)));
        CookieRetention.of(policy).ifPresent(rule -> steps.add(new ConsentProofStep(rule, consentProofs)));
        NavigationRetention.of(policy).ifPresent(rule -> steps.add(new NavigationDataStep(rule, navigation)));
    }

    List<RetentionStep> steps() {
        return List.copyOf(steps);
    }
}
