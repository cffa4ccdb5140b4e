package org.charte.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
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
     * @throws UnknownEntryException when there is no such entry (or it has expired and been erased)
     * @throws org.charte.access.AccessDecisions.AccessDeniedException when refused
     */
    Entry read(Actor actor, @Nullable String purpose, UUID entryId);

    /** What the archive holds per obligation: no personal data. */
    record ObligationSummary(String obligationId, long entries, Map<String, Long> byRecordType, @Nullable LocalDate oldestKeepUntil,
            @Nullable LocalDate newestKeepUntil) {}

    List<ObligationSummary> summary();

    class UnknownEntryException extends RuntimeException {
        public UnknownEntryException() {
            super("no such archive entry");
        }
    }
}
