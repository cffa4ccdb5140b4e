package org.charte.retention;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Plausible;
import org.charte.common.UnknownIdException;
import org.jspecify.annotations.Nullable;

/**
 * Legal holds (R5.6): a hold suspends erasure of exactly what it covers. On a person, everything of
 * theirs; on a record (an invoice), that record, its payments and the person's identity and contact
 * (to pursue), while their other records go when due; the person's key and row go at the first run
 * after the release. A hold with an end date stops applying after that day. Automatic holds come
 * from commerce (an unpaid invoice until paid, a litigation until closed); the DPO places and
 * releases the others.
 */
public interface LegalHolds {

    enum Kind {
        UNPAID_INVOICE, LITIGATION, ACCOUNTING_OBLIGATION, AUTHORITY_REQUEST;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Kind> ofCode(@Nullable String code) {
            for (Kind kind : values()) {
                if (kind.code().equals(code)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A hold. {@code recordType}/{@code recordId} are null for a hold on the whole person;
     * {@code reasonCode} is a code ({@code invoice-unpaid}, {@code tax-audit-2026}), never free text.
     */
    record Hold(UUID id, Kind kind, UUID subjectId, @Nullable String recordType, @Nullable UUID recordId, String reasonCode,
            LocalDate placedOn, @Nullable LocalDate endsOn, String placedBy, @Nullable Instant releasedAt, @Nullable String releasedBy) {

        public boolean onPerson() {
            return recordId == null;
        }

        /** Applies on that day: not released, and not past its end date. */
        public boolean activeOn(LocalDate day) {
            return releasedAt == null && (endsOn == null || !endsOn.isBefore(day));
        }
    }

    /**
     * A hold to place: its kind; either a person or a record ({@code invoice} and its id); a reason
     * code; an optional last day.
     */
    record NewHold(@Nullable @Size(max = 30) String kind, @Nullable UUID subjectId,
            @Nullable @Size(max = 30) String recordType, @Nullable UUID recordId,
            @Nullable @Size(max = 60) String reason, @Nullable @Plausible LocalDate endsOn) {}

    /**
     * Places a hold (the DPO). Recorded in the audit log.
     *
     * @throws org.charte.common.InvalidInputException naming each invalid field (unknown person or
     *     record, unknown kind, reason not a code, end date in the past); nothing is stored
     */
    Hold place(Actor actor, NewHold hold);

    /**
     * Releases a hold (the DPO). Recorded in the audit log.
     *
     * @throws UnknownHoldException when there is no such hold
     * @throws org.charte.common.InvalidInputException when it is already released
     */
    Hold release(Actor actor, UUID holdId);

    Optional<Hold> find(UUID holdId);

    /** The holds that apply on that day, newest first. */
    List<Hold> active(LocalDate day);

    /** The holds that apply on that day to these people or any of their records. */
    List<Hold> activeFor(Collection<UUID> subjectIds, LocalDate day);

    class UnknownHoldException extends UnknownIdException {
        public UnknownHoldException() {
            super("id", "no such legal hold");
        }
    }
}
