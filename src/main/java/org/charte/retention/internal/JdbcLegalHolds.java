package org.charte.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.PlausibleDate;
import org.charte.common.Zones;
import org.charte.retention.LegalHolds;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Legal holds in {@code legal_hold}: codes and ids only. */
@Service
class JdbcLegalHolds implements LegalHolds {

    static final Pattern REASON = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final Subjects subjects;
    private final CommerceRetention commerce;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;

    JdbcLegalHolds(JdbcClient jdbc, Subjects subjects, CommerceRetention commerce, AuditLog audit, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.commerce = commerce;
        this.audit = audit;
        this.ids = ids;
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
        Hold placed = insert(kind, subject, onRecord ? "invoice" : null, onRecord ? hold.recordId() : null, hold.reason(), hold.endsOn(),
                actor.typedId(), null, null);
        audit.append(AuditEvent.allowed(actor.typedId(), "legal-hold-placed", null, "legal-hold", placed.id().toString(), subject, List.of()));
        return placed;
    }

    Hold insert(Kind kind, UUID subjectId, @Nullable String recordType, @Nullable UUID recordId, String reason, @Nullable LocalDate endsOn,
            String placedBy, @Nullable String sourceType, @Nullable UUID sourceId) {
        UUID id = ids.next();
        jdbc.sql("""
                INSERT INTO legal_hold (id, kind, subject_id, record_type, record_id, reason_code, placed_on, ends_on, placed_at, placed_by,
                    source_type, source_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, kind.name(), subjectId, recordType, recordId, reason, today(), endsOn, now(), placedBy, sourceType, sourceId)
                .update();
        return find(id).orElseThrow();
    }

    @Override
    @Transactional
    public Hold release(Actor actor, UUID holdId) {
        Hold hold = find(holdId).orElseThrow(UnknownHoldException::new);
        if (hold.releasedAt() != null) {
            throw new InvalidInputException("id", "the hold is already released");
        }
        jdbc.sql("UPDATE legal_hold SET released_at = ?, released_by = ? WHERE id = ? AND released_at IS NULL")
                .params(now(), actor.typedId(), holdId).update();
        audit.append(AuditEvent.allowed(actor.typedId(), "legal-hold-released", null, "legal-hold", holdId.toString(), hold.subjectId(), List.of()));
        return find(holdId).orElseThrow();
    }

    /** An automatic hold from a commerce event, once per source even if the event comes twice. */
    @Transactional
    void placeAutomatic(Kind kind, UUID subjectId, @Nullable String recordType, @Nullable UUID recordId, String reason, String sourceType,
            UUID sourceId) {
        long open = jdbc.sql("SELECT COUNT(*) FROM legal_hold WHERE source_type = ? AND source_id = ? AND released_at IS NULL")
                .params(sourceType, sourceId).query(Long.class).single();
        if (open == 0) {
            Hold hold = insert(kind, subjectId, recordType, recordId, reason, null, SYSTEM, sourceType, sourceId);
            audit.append(AuditEvent.allowed(SYSTEM, "legal-hold-placed", null, "legal-hold", hold.id().toString(), subjectId, List.of()));
        }
    }

    /** The event that ends an automatic hold: every open hold from that source is released. */
    @Transactional
    void releaseAutomatic(String sourceType, UUID sourceId) {
        for (UUID id : jdbc.sql("SELECT id FROM legal_hold WHERE source_type = ? AND source_id = ? AND released_at IS NULL")
                .params(sourceType, sourceId).query(UUID.class).list()) {
            jdbc.sql("UPDATE legal_hold SET released_at = ?, released_by = ? WHERE id = ?").params(now(), SYSTEM, id).update();
            audit.append(AuditEvent.allowed(SYSTEM, "legal-hold-released", null, "legal-hold", id.toString(), null, List.of()));
        }
    }

    private static final String SELECT = """
            SELECT id, kind, subject_id, record_type, record_id, reason_code, placed_on, ends_on, placed_by, released_at, released_by
            FROM legal_hold""";
    private static final String ACTIVE = " released_at IS NULL AND (ends_on IS NULL OR ends_on >= :day)";

    @Override
    public Optional<Hold> find(UUID holdId) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(holdId).query(JdbcLegalHolds::hold).optional();
    }

    @Override
    public List<Hold> active(LocalDate day) {
        return jdbc.sql(SELECT + " WHERE" + ACTIVE + " ORDER BY placed_at DESC, id DESC").param("day", day).query(JdbcLegalHolds::hold).list();
    }

    @Override
    public List<Hold> activeFor(Collection<UUID> subjectIds, LocalDate day) {
        if (subjectIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE subject_id IN (:ids) AND" + ACTIVE + " ORDER BY id").param("ids", List.copyOf(subjectIds)).param("day", day)
                .query(JdbcLegalHolds::hold).list();
    }

    /** Holds on these records (an archive entry's record), on that day. */
    List<Hold> activeOnRecords(Collection<UUID> recordIds, LocalDate day) {
        if (recordIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE record_id IN (:ids) AND" + ACTIVE + " ORDER BY id").param("ids", List.copyOf(recordIds)).param("day", day)
                .query(JdbcLegalHolds::hold).list();
    }

    private static Hold hold(ResultSet rs, int n) throws SQLException {
        OffsetDateTime released = rs.getObject("released_at", OffsetDateTime.class);
        return new Hold(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")), rs.getObject("subject_id", UUID.class),
                rs.getString("record_type"), rs.getObject("record_id", UUID.class), rs.getString("reason_code"),
                rs.getObject("placed_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class), rs.getString("placed_by"),
                released == null ? null : released.toInstant(), rs.getString("released_by"));
    }
}
