package org.charte.retention.internal;

import org.charte.common.BackofficeEntries;
import org.charte.policy.Policy;
import org.springframework.stereotype.Component;

/**
 * The retention page, and the intermediate archive for the roles an archive obligation names (what
 * {@link ArchiveAccess} asks before listing it, L4).
 */
@Component
class RetentionBackofficeEntries implements BackofficeEntries {

    private final Policy policy;

    RetentionBackofficeEntries(Policy policy) {
        this.policy = policy;
    }

    @Override
    public void declare(Registry entries) {
        entries.page(74, "/backoffice/conservation", "nav.staff.retention");
        entries.decidedPage(76, "/backoffice/conservation/archive", "nav.staff.archive",
                role -> policy.archive().stream().anyMatch(o -> o.roles().contains(role)));
    }
}
