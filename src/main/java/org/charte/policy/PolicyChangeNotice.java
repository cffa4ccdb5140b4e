package org.charte.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * When people must be told of a new version (L10, GDPR Art. 12-14): a version whose changes include
 * a material one is announced to active clients before its effective date, at least {@code period}
 * before it. The one place that says whether a version needs a notice, whether one is still due on a
 * day, and whether its date leaves the notice period. Framework-free.
 */
public record PolicyChangeNotice(String version, LocalDate effective, boolean material, List<String> materialClauses, Period period) {

    /** The notice period Charte asks for unless configured otherwise ({@code charte.policy.notice-period}). */
    public static final Period DEFAULT_PERIOD = Period.ofDays(30);

    public PolicyChangeNotice {
        materialClauses = List.copyOf(materialClauses);
    }

    public static PolicyChangeNotice of(Policy policy, Period period) {
        var changes = policy.changes();
        List<String> clauses = changes == null ? List.of()
                : changes.items().stream().filter(Policy.Change::material).map(Policy.Change::clause).distinct().toList();
        return new PolicyChangeNotice(policy.version(), policy.effectiveDate(), !clauses.isEmpty(), clauses, period);
    }

    /** Whether the notice is to be sent on {@code day}: a material change not yet in effect. */
    public boolean dueOn(LocalDate day) {
        return material && day.isBefore(effective);
    }

    /** Whether a version first known on {@code firstKnown} leaves people less than the notice period before it applies. */
    public boolean tooLate(LocalDate firstKnown) {
        return material && firstKnown.plus(period).isAfter(effective);
    }

    /** The earliest effective date a version first known on {@code firstKnown} could have. */
    public LocalDate earliestEffective(LocalDate firstKnown) {
        return firstKnown.plus(period);
    }
}
