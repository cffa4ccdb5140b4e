package org.charte.marketing.internal;

import org.charte.retention.SubjectErased;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Once a person is erased (their key already destroyed, so their sealed details are unreadable),
 * their marketing history and capacity go too; the suppression list, which names nobody, stays for
 * its 3 years (L9).
 */
@Component
class MarketingErasures {

    private final JdbcMarketing rows;

    MarketingErasures(JdbcMarketing rows) {
        this.rows = rows;
    }

    @ApplicationModuleListener
    void on(SubjectErased erased) {
        rows.deleteSubject(erased.subjectId());
    }
}
