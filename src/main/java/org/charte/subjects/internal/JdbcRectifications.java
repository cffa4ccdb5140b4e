package org.charte.subjects.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.RecipientNotices;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.Rectifications;
import org.charte.subjects.SensitiveCategory;
import org.charte.subjects.Subject;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Rectification through the subjects' own write path, then the field names that changed and the Art. 19 notices. */
@Service
class JdbcRectifications implements Rectifications {

    private final SubjectService subjects;
    private final RecipientNotices notices;
    private final AuditLog audit;
    private final WordListScreen screen;
    private final TransactionTemplate transaction;

    JdbcRectifications(SubjectService subjects, RecipientNotices notices, AuditLog audit, WordListScreen screen,
            PlatformTransactionManager transactions) {
        this.subjects = subjects;
        this.notices = notices;
        this.audit = audit;
        this.screen = screen;
        this.transaction = new TransactionTemplate(transactions);
    }

    private record Done(SubjectService.Written written, List<String> changed, List<RecipientNotices.Notice> told) {}

    @Override
    public Rectified rectify(Actor actor, UUID subjectId, Subjects.Change change, @Nullable String reference) {
        return rectify(actor, subjectId, change, reference, actor, "");
    }

    @Override
    public Rectified rectify(Actor person, UUID subjectId, Subjects.Change change, String reference, Actor appliedBy) {
        return rectify(person, subjectId, change, reference, appliedBy, "applied on the verified request " + reference + " of " + person.typedId() + "; ");
    }

    private Rectified rectify(Actor actor, UUID subjectId, Subjects.Change change, @Nullable String reference, Actor recordedAs, String why) {
        // The change and its notices commit together: no rectification without its recipients told.
        Done done = transaction.execute(tx -> {
            SubjectService.Written written = subjects.write(actor, PURPOSE, subjectId, change, true);
            List<String> changed = changedFields(written);
            return new Done(written, changed, changed.isEmpty() ? List.of()
                    : notices.tell(subjectId, RecipientNotices.Cause.RECTIFICATION, changed, reference, recordedAs.typedId()));
        });
        SubjectService.Written written = done.written();
        List<String> changed = done.changed();
        List<RecipientNotices.Notice> told = done.told();
        Set<SensitiveCategory> redacted = change.otherInformation() == null ? Set.of()
                : screen.screen(change.otherInformation()).categories();
        audit.append(new AuditEvent(recordedAs.typedId(), "rectify", PURPOSE, "subject", subjectId.toString(), subjectId,
                List.copyOf(written.subject().categories()), AuditOutcome.ALLOWED,
                why + (changed.isEmpty() ? "nothing changed" : "changed " + String.join(", ", changed)) + "; " + told.size() + " recipient(s) told"));
        return new Rectified(subjectId, changed, redacted, told);
    }

    /** The names of the fields whose stored value differs from before; never a value. */
    static List<String> changedFields(SubjectService.Written written) {
        Subject after = written.subject();
        List<String> changed = new ArrayList<>();
        Identity before = written.identityBefore();
        if (after.identity() != null && before != null) {
            Identity now = after.identity();
            add(changed, "identity.civility", before.civility(), now.civility());
            add(changed, "identity.lastName", before.lastName(), now.lastName());
            add(changed, "identity.firstNames", before.firstNames(), now.firstNames());
            add(changed, "identity.birthDate", before.birthDate(), now.birthDate());
        }
        Contacts contacts = written.contactsBefore();
        if (after.contacts() != null && contacts != null) {
            add(changed, "contacts.addresses", contacts.addresses(), after.contacts().addresses());
            add(changed, "contacts.emails", contacts.emails(), after.contacts().emails());
            add(changed, "contacts.phones", contacts.phones(), after.contacts().phones());
        }
        if (after.categories().contains(Subjects.OTHER_INFORMATION)) {
            add(changed, "otherInformation", written.otherBefore(), after.otherInformation());
        }
        return changed;
    }

    private static void add(List<String> changed, String field, @Nullable Object before, @Nullable Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }
}
