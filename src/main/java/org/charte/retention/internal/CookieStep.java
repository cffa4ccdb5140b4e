package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.charte.retention.CookieRetention;
import org.charte.retention.RetentionStep;
import org.jspecify.annotations.Nullable;

/**
 * R5.4: personalisation cookies and the consent they rest on expire 13 months after consent. Charte
 * keeps no cookie records yet: until the cookies module brings its own step for this rule (which
 * then replaces this one), the rule is in every run with nothing due.
 */
final class CookieStep implements RetentionStep {

    private final CookieRetention rule;

    CookieStep(CookieRetention rule) {
        this.rule = rule;
    }

    @Override
    public String ruleId() {
        return rule.ruleId();
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public long countDue(LocalDate asOf) {
        return 0;
    }

    @Override
    public List<UUID> dueIds(LocalDate asOf, @Nullable UUID after, int limit) {
        return List.of();
    }

    @Override
    public Outcome apply(Batch batch, List<UUID> ids) {
        return Outcome.nothing(ids.size());
    }
}
