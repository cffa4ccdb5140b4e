package org.charte.rights.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.audit.AuditLog;
import org.charte.marketing.MarketingChoices;
import org.charte.rights.internal.CommercialFiles.CommercialFile;
import org.charte.subjects.Subject;
import org.charte.subjects.Subjects;
import org.charte.support.Ticket;
import org.charte.support.Tickets;
import org.springframework.stereotype.Component;

/**
 * Reads a person's whole file through the modules' public APIs, as the person themselves
 * ({@link Actor#subject}) for the purpose {@code rights-requests}: the decision point decides each
 * read and the audit log records it (R4.5, R6.5), so the access itself shows in the next report.
 * Their identity comes from subjects, their commercial relationship from {@link CommercialFiles},
 * their support requests from support, the accesses to their data from the audit log.
 */
@Component
class PersonalFiles {

    static final String PURPOSE = "rights-requests";
    /** The most audit entries an access report lists (the newest). */
    static final int ACCESSES_SHOWN = 1000;

    private final Subjects subjects;
    private final CommercialFiles commercial;
    private final Tickets tickets;
    private final AuditLog audit;
    private final MarketingChoices marketing;

    PersonalFiles(Subjects subjects, CommercialFiles commercial, Tickets tickets, AuditLog audit, MarketingChoices marketing) {
        this.marketing = marketing;
        this.subjects = subjects;
        this.commercial = commercial;
        this.tickets = tickets;
        this.audit = audit;
    }

    PersonalFile read(UUID subjectId) {
        Actor person = Actor.subject(subjectId);
        Subject subject = subjects.read(person, PURPOSE, Set.of(Subjects.IDENTITY, Subjects.CONTACT, Subjects.OTHER_INFORMATION), subjectId);
        CommercialFile business = commercial.read(person, PURPOSE, subjectId);
        List<Ticket> ticketList = tickets.ofSubjectInFull(person, PURPOSE, subjectId);
        return new PersonalFile(subjectId, subject, business.account(), business.subscriptions(), business.orders(), business.deliveries(),
                business.invoices(), business.litigations(), ticketList, marketing.choices(person, PURPOSE, subjectId),
                audit.forSubject(subjectId, ACCESSES_SHOWN));
    }
}
