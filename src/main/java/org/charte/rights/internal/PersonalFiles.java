package org.charte.rights.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.audit.AuditLog;
import org.charte.commerce.ClientAccount;
import org.charte.commerce.ClientAccounts;
import org.charte.commerce.Delivery;
import org.charte.commerce.Invoices;
import org.charte.commerce.Litigations;
import org.charte.commerce.Order;
import org.charte.commerce.Orders;
import org.charte.commerce.Subscriptions;
import org.charte.commerce.UnknownRecordException;
import org.charte.subjects.Subject;
import org.charte.subjects.Subjects;
import org.charte.support.Ticket;
import org.charte.support.Tickets;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads a person's whole file through the modules' public APIs, as the person themselves
 * ({@link Actor#subject}) for the purpose {@code rights-requests}: the decision point decides each
 * read and the audit log records it (R4.5, R6.5), so the access itself shows in the next report.
 */
@Component
class PersonalFiles {

    static final String PURPOSE = "rights-requests";
    /** The most audit entries an access report lists (the newest). */
    static final int ACCESSES_SHOWN = 1000;

    private final Subjects subjects;
    private final ClientAccounts accounts;
    private final Subscriptions subscriptions;
    private final Orders orders;
    private final Invoices invoices;
    private final Litigations litigations;
    private final Tickets tickets;
    private final AuditLog audit;

    PersonalFiles(Subjects subjects, ClientAccounts accounts, Subscriptions subscriptions, Orders orders, Invoices invoices,
            Litigations litigations, Tickets tickets, AuditLog audit) {
        this.subjects = subjects;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.orders = orders;
        this.invoices = invoices;
        this.litigations = litigations;
        this.tickets = tickets;
        this.audit = audit;
    }

    PersonalFile read(UUID subjectId) {
        Actor person = Actor.subject(subjectId);
        Subject subject = subjects.read(person, PURPOSE, Set.of(Subjects.IDENTITY, Subjects.CONTACT, Subjects.OTHER_INFORMATION), subjectId);
        // One decision and a few queries per kind of record, whatever their number.
        List<Order> orderList = orders.ofSubject(person, PURPOSE, subjectId);
        Map<UUID, List<Delivery>> deliveries = new LinkedHashMap<>();
        for (Delivery delivery : orders.deliveriesOfSubject(person, PURPOSE, subjectId)) {
            deliveries.computeIfAbsent(delivery.orderId(), k -> new ArrayList<>()).add(delivery);
        }
        List<Ticket> ticketList = tickets.ofSubjectInFull(person, PURPOSE, subjectId);
        return new PersonalFile(subjectId, subject, account(person, subjectId), subscriptions.ofSubject(person, PURPOSE, subjectId),
                orderList, deliveries, invoices.ofSubject(person, PURPOSE, subjectId), litigations.ofSubject(person, PURPOSE, subjectId),
                ticketList, audit.forSubject(subjectId, ACCESSES_SHOWN));
    }

    private @Nullable ClientAccount account(Actor person, UUID subjectId) {
        try {
            return accounts.find(person, PURPOSE, subjectId);
        } catch (UnknownRecordException noAccount) {
            return null;
        }
    }
}
