package org.charte.rights.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.audit.AuditEntry;
import org.charte.commerce.ClientAccount;
import org.charte.commerce.Delivery;
import org.charte.commerce.Invoice;
import org.charte.commerce.Litigation;
import org.charte.commerce.Order;
import org.charte.commerce.Subscription;
import org.charte.marketing.Choices;
import org.charte.subjects.Subject;
import org.charte.support.Ticket;
import org.jspecify.annotations.Nullable;

/**
 * Everything Charte holds about one person (their marketing choices included), read for their rights request: what the access
 * report shows and the portability archive draws from.
 */
record PersonalFile(UUID subjectId, Subject subject, @Nullable ClientAccount account, List<Subscription> subscriptions,
        List<Order> orders, Map<UUID, List<Delivery>> deliveries, List<Invoice> invoices, List<Litigation> litigations,
        List<Ticket> tickets, Choices marketing, List<AuditEntry> accesses) {

    /** Records about the person in all: what the benchmark counts. */
    int records() {
        return subscriptions.size() + orders.size() + deliveries.values().stream().mapToInt(List::size).sum() + invoices.size()
                + litigations.size() + tickets.stream().mapToInt(t -> 1 + t.messages().size()).sum();
    }
}
