package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.UnknownIdException;
import org.jspecify.annotations.Nullable;

/**
 * The intermediate archive (archivage intermédiaire, L4): records a legal obligation still keeps
 * after their person was erased, each sealed under a key of its own, reachable only for the
 * obligation's purpose by the roles it names (and, as any access, under a grant), until the
 * obligation ends; then the retention run erases them with a proof.
 */
public interface IntermediateArchive {

    /** An archive entry, opened: the record as it was, and only the identity its obligations need. */
    record Entry(UUID id, List<String> obligations, String recordType, UUID recordId, UUID formerSubjectId, List<String> categories,
            LocalDate recordStart, LocalDate keepUntil, LocalDate archivedOn, Map<String, Object> record,
            @Nullable Map<String, Object> identity, @Nullable Map<String, Object> address) {}

    /**
     * Opens an entry for a purpose. Allowed only for a member of staff whose role one of the
     * entry's obligations names, for that obligation's purpose, under a grant in force on the
     * erased person's former id for that purpose; decided and audited like any access.
     *
     * @throws UnknownEntryException when there is no such entry, or its keep-until has passed (the obligation has ended)
     * @throws org.charte.access.AccessDecisions.AccessDeniedException when refused
     */
    Entry read(Actor actor, @Nullable String purpose, UUID entryId);

    /** An entry as listed: what it is, whose (the erased person's former id), why and until when; none of its content. */
    record Listed(UUID id, List<String> obligations, String recordType, UUID recordId, UUID formerSubjectId, List<String> categories,
            LocalDate recordStart, LocalDate keepUntil, LocalDate archivedOn) {}

    /**
     * What to list, as typed (checked by {@link #list}): an obligation's id, an erased person's former id, a
     * record's id (an invoice, a payment, a subscription, an order); at least one. A page from 0, of 1 to
     * {@value #MAX_PAGE_SIZE} entries (default {@value #DEFAULT_PAGE_SIZE}).
     */
    record Search(@Nullable String obligation, @Nullable String formerSubjectId, @Nullable String recordId, @Nullable Integer page,
            @Nullable Integer size) {}

    int DEFAULT_PAGE_SIZE = 50;
    int MAX_PAGE_SIZE = 200;

    /** A page of entries, newest first, and how many match in all. */
    record Page(List<Listed> entries, int page, int size, long total) {

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    /**
     * Lists the entries still kept (not past their keep-until) by obligation, former person id or record
     * reference (L4: browsing the archive). Allowed only to a member of staff whose role an obligation
     * names, who signed the current confidentiality commitment, for that obligation's purpose; only the
     * entries of the obligations that name both are listed, never their content (opening one is
     * {@link #read}, decided by the decision point under a grant). Every listing and every refusal is in
     * the audit log (filters as kinds and ids, never free text).
     *
     * @throws org.charte.common.InvalidInputException naming each invalid field ({@code purpose},
     *     {@code obligation}, {@code formerSubjectId}, {@code recordId}, {@code page}, {@code size})
     * @throws org.charte.access.AccessDecisions.AccessDeniedException for a role no obligation names, another
     *     purpose, or an unsigned commitment
     */
    Page list(Actor actor, @Nullable String purpose, Search search);

    /** What the archive holds per obligation: no personal data. */
    record ObligationSummary(String obligationId, long entries, Map<String, Long> byRecordType, @Nullable LocalDate oldestKeepUntil,
            @Nullable LocalDate newestKeepUntil) {}

    List<ObligationSummary> summary();

    class UnknownEntryException extends UnknownIdException {
        public UnknownEntryException() {
            super("id", "no such archive entry");
        }
    }
}
