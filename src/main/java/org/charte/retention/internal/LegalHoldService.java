package org.charte.retention.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.AccessRequest.Actor;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.commerce.CommerceRetention;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.PlausibleDate;
import org.charte.common.Zones;
import org.charte.retention.LegalHolds;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Legal holds (R5.6) as the DPO and commerce's events place and release them: checks what is asked
 * (a known kind, a reason code and never free text, a person or an invoice that exists, an end date
 * not past), keeps the rows through {@link JdbcLegalHolds} and records every placing and release in
 * the audit log. Also the retention module's today, counted in Europe/Paris.
 */
@Service
class LegalHoldService implements LegalHolds {

    static final Pattern REASON = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    static final String SYSTEM = "system";

    private final JdbcLegalHolds rows;
    private final Subjects subjects;
    private final CommerceRetention commerce;
    private final AuditLog audit;
    private final Clock clock;

    LegalHoldService(JdbcLegalHolds rows, Subjects subjects, CommerceRetention commerce, AuditLog audit, Clock clock) {
        this.rows = rows;
        this.subjects = subjects;
        this.commerce = commerce;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    @Override
    @Transactional
    public Hold place(Actor actor, NewHold hold) {
        List<FieldError> errors = new ArrayList<>();
        if (hold == null) {
            throw new InvalidInputException("body", "give kind, subjectId or recordType and recordId, reason and optionally endsOn");
        }
        Kind kind = Kind.ofCode(hold.kind()).orElse(null);
        if (kind == null) {
            errors.add(new FieldError("kind", "must be one of unpaid-invoice, litigation, accounting-obligation, authority-request"));
        }
        if (hold.reason() == null || !REASON.matcher(hold.reason()).matches()) {
            errors.add(new FieldError("reason", "must be a reason code: 2 to 60 lower-case letters, digits or '-' (no free text)"));
        }
        boolean plausibleEnd = PlausibleDate.check(errors, "endsOn", hold.endsOn());
        if (plausibleEnd && hold.endsOn() != null && hold.endsOn().isBefore(today())) {
            errors.add(new FieldError("endsOn", "must not be in the past"));
        }
        UUID subject = null;
        boolean onRecord = hold.recordType() != null || hold.recordId() != null;
        if (onRecord && hold.subjectId() != null) {
            errors.add(new FieldError("subjectId", "give either a person or a record, not both"));
        } else if (onRecord) {
            if (!"invoice".equals(hold.recordType())) {
                errors.add(new FieldError("recordType", "must be invoice"));
            } else if (hold.recordId() == null) {
                errors.add(new FieldError("recordId", "is required with recordType"));
            } else {
                subject = commerce.invoiceOwner(hold.recordId()).orElse(null);
                if (subject == null) {
                    errors.add(new FieldError("recordId", "no such invoice"));
                }
            }
        } else if (hold.subjectId() == null) {
            errors.add(new FieldError("subjectId", "give a person (subjectId) or a record (recordType and recordId)"));
        } else if (subjects.status(hold.subjectId()).isEmpty()) {
            errors.add(new FieldError("subjectId", "no such person"));
        } else {
            subject = hold.subjectId();
        }
        InvalidInputException.throwIfAny(errors);
        Hold placed = rows.insert(kind, subject, onRecord ? "invoice" : null, onRecord ? hold.recordId() : null, hold.reason(), hold.endsOn(),
                today(), now(), actor.typedId(), null, null);
        audit.append(AuditEvent.allowed(actor.typedId(), "legal-hold-placed", null, "legal-hold", placed.id().toString(), subject, List.of()));
        return placed;
    }

    @Override
    @Transactional
    public Hold release(Actor actor, UUID holdId) {
        Hold hold = rows.find(holdId).orElseThrow(UnknownHoldException::new);
        if (hold.releasedAt() != null) {
            throw new InvalidInputException("id", "the hold is already released");
        }
        rows.release(holdId, now(), actor.typedId());
        audit.append(AuditEvent.allowed(actor.typedId(), "legal-hold-released", null, "legal-hold", holdId.toString(), hold.subjectId(), List.of()));
        return rows.find(holdId).orElseThrow();
    }

    /** An automatic hold from a commerce event, once per source even if the event comes twice. */
    @Transactional
    void placeAutomatic(Kind kind, UUID subjectId, @Nullable String recordType, @Nullable UUID recordId, String reason, String sourceType,
            UUID sourceId) {
        if (rows.openFromSource(sourceType, sourceId).isEmpty()) {
            Hold hold = rows.insert(kind, subjectId, recordType, recordId, reason, null, today(), now(), SYSTEM, sourceType, sourceId);
            audit.append(AuditEvent.allowed(SYSTEM, "legal-hold-placed", null, "legal-hold", hold.id().toString(), subjectId, List.of()));
        }
    }

    /** The event that ends an automatic hold: every open hold from that source is released. */
    @Transactional
    void releaseAutomatic(String sourceType, UUID sourceId) {
        for (UUID id : rows.openFromSource(sourceType, sourceId)) {
            rows.release(id, now(), SYSTEM);
            audit.append(AuditEvent.allowed(SYSTEM, "legal-hold-released", null, "legal-hold", id.toString(), null, List.of()));
        }
    }

    @Override
    public Optional<Hold> find(UUID holdId) {
        return rows.find(holdId);
    }

    @Override
    public List<Hold> active(LocalDate day) {
        return rows.active(day);
    }

    @Override
    public List<Hold> activeFor(Collection<UUID> subjectIds, LocalDate day) {
        return rows.activeFor(subjectIds, day);
    }

    /** Holds on these records (an archive entry's record), on that day. */
    List<Hold> activeOnRecords(Collection<UUID> recordIds, LocalDate day) {
        return rows.activeOnRecords(recordIds, day);
    }
}
