package org.charte.commerce;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the retention run (policy §5, R5.6, L4, L7) needs of the commercial relationship, as the
 * system and not as anyone's access. Set-based, in the caller's transaction: the records of a
 * batch of people go in a few statements, in the same transaction as the people themselves.
 * Record types are the policy's ({@code invoice}, {@code payment}, {@code subscription},
 * {@code order}) and, for counts, {@code client-account}, {@code delivery}, {@code litigation}.
 */
public interface CommerceRetention {

    /**
     * A record an archive obligation may keep (L4), with the dates it counts from: the document's
     * date (an invoice's issue date, a payment's date) and the end of the contract it evidences (a
     * subscription's termination or end, else its start; an order's date), and the records it hangs
     * on ({@code links}: a payment's invoice; the order or subscription an invoice bills).
     */
    record ArchivableRecord(String type, UUID id, UUID subjectId, LocalDate documentDate, LocalDate contractEnd, List<UUID> links) {}

    /** Every invoice, payment, subscription and order of these people. */
    List<ArchivableRecord> archivableRecords(Collection<UUID> subjectIds);

    /**
     * What the archive keeps of these records, as plain values (ids, dates, numbers, amounts,
     * codes; never a card reference), keyed by record id.
     */
    Map<UUID, Map<String, Object>> snapshots(String type, Collection<UUID> ids);

    /**
     * Erases every commercial record of these people (account, subscriptions, orders and their
     * lines and deliveries, invoices, payments, litigations) except the invoices in
     * {@code keptInvoices}, which stay with their payments and the order or subscription they
     * bill. Returns how many rows went, per record type.
     */
    Map<String, Integer> erase(Collection<UUID> subjectIds, Set<UUID> keptInvoices);

    /** The person an invoice belongs to, if there is such an invoice. */
    Optional<UUID> invoiceOwner(UUID invoiceId);

    /** A card reference kept for disputes (L7): the payment, its invoice, its person, the day of the debit. */
    record CardReference(UUID paymentId, UUID invoiceId, UUID subjectId, LocalDate debitedOn) {}

    /** A page of payments still holding a card reference, debited before {@code cutoff}, in id order after {@code after}. */
    List<UUID> dueCardReferences(LocalDate cutoff, @Nullable UUID after, int limit);

    long countDueCardReferences(LocalDate cutoff);

    /** Locks these payments until the caller's transaction ends; those still holding a card reference. */
    List<CardReference> lockCardReferences(Collection<UUID> paymentIds);

    /** Erases the card references of these payments (amounts, dates and methods stay for accounting). */
    int eraseCardReferences(Collection<UUID> paymentIds);
}
