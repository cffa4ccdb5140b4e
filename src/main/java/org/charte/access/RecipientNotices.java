package org.charte.access;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Recipients told of a rectification, an erasure or a restriction (GDPR Art. 19, L5). The
 * recipients of a person's data are the subcontractors whose users held a grant on that person
 * (support tickets, R6.2), whether or not it is still in force. Each is recorded as told on the
 * day; the DPO lists them per person.
 */
public interface RecipientNotices {

    enum Cause { RECTIFICATION, ERASURE, RESTRICTION }

    /** One recipient told; {@code fields} names what changed (field names, never values). */
    record Notice(UUID id, UUID subjectId, Cause cause, @Nullable String reference, UUID subcontractorId, String recipient,
            List<String> fields, LocalDate toldOn, String recordedBy) {}

    /**
     * Records every recipient of the person's data as told, today.
     *
     * @param fields    the field names that changed (for a rectification), empty otherwise
     * @param reference e.g. a rights request's id
     * @return one notice per recipient; empty when nobody received the person's data
     */
    List<Notice> tell(UUID subjectId, Cause cause, List<String> fields, @Nullable String reference, String by);

    /** The subcontractors whose users held a grant on the person. */
    List<Subcontractor> recipientsOf(UUID subjectId);

    /** A person's notices, newest first. */
    List<Notice> forSubject(UUID subjectId);

    /** The latest notices, newest first. */
    List<Notice> recent(int limit);
}
