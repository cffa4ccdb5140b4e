package org.charte.marketing.internal;

import java.util.Map;
import java.util.UUID;
import org.charte.marketing.BasisKind;
import org.charte.marketing.Means;
import org.charte.subjects.Contacts;
import org.charte.subjects.ContactsRecorded;
import org.springframework.stereotype.Component;

/**
 * A person recorded (or rectified) with an e-mail or phone on the suppression list starts objected
 * on that channel and purpose (L9), in the transaction that records them: the entry says it came
 * from the suppression list and names the day of the objection it honours, so staff see why.
 */
@Component
class SuppressionOnEntry implements ContactsRecorded {

    static final String SYSTEM = "system";

    private final SuppressionList suppressions;
    private final BasisHistory history;

    SuppressionOnEntry(SuppressionList suppressions, BasisHistory history) {
        this.suppressions = suppressions;
        this.history = history;
    }

    @Override
    public void recorded(UUID subjectId, Contacts contacts) {
        var found = suppressions.matching(contacts, history.today());
        if (found.isEmpty()) {
            return;
        }
        Map<String, BasisKind> current = history.lockCurrent(subjectId);
        for (JdbcSuppressions.Entry entry : found) {
            String key = JdbcMarketing.key(entry.channel(), entry.purpose());
            if (current.get(key) != BasisKind.OBJECTION) {
                history.append(new BasisHistory.NewEntry(subjectId, entry.channel(), entry.purpose(), BasisKind.OBJECTION, Means.SUPPRESSION_LIST,
                        null, "suppression-list:" + entry.objectedOn(), null, SYSTEM));
                current.put(key, BasisKind.OBJECTION);
            }
        }
    }
}
