package org.charte.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.charte.access.KnownSubjects;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.RecipientNotices;
import org.charte.access.RestrictionLiftingGuard;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Restrictions in {@code processing_restriction}; the decision point enforces them from {@link ProcessingLimits}. */
@Service
class JdbcProcessingRestrictions implements ProcessingRestrictions {

    static final String RIGHTS_REQUESTS = "rights-requests";

    private final JdbcClient jdbc;
    private final ProcessingLimits limits;
    private final KnownSubjects subjects;
    private final RecipientNotices notices;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ObjectProvider<RestrictionLiftingGuard> guards;

    JdbcProcessingRestrictions(JdbcClient jdbc, ProcessingLimits limits, KnownSubjects subjects, RecipientNotices notices, AuditLog audit,
            Ids ids, Clock clock, PlatformTransactionManager transactions, ObjectProvider<RestrictionLiftingGuard> guards) {
        this.guards = guards;
        this.jdbc = jdbc;
        this.limits = limits;
        this.subjects = subjects;
        this.notices = notices;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Restriction restrict(UUID subjectId, Reason reason, @Nullable String reference, String by) {
        String actor = RecordedBy.actor(by);
        String ref = RecordedBy.reference(reference);
        if (reason == null) {
            throw new InvalidInputException("reason", "one of accuracy-contested, unlawful-processing, needed-for-claims, not-stated, objection-pending, deceased");
        }
        known(subjectId);
        boolean[] created = {false};
        Restriction restriction = transaction.execute(tx -> {
            limits.changed(); // first: its row lock serialises concurrent restrictions of anyone
            Optional<Restriction> current = current(subjectId);
            if (current.isPresent()) {
                return current.get();
            }
            UUID id = ids.next();
            jdbc.sql("""
                    INSERT INTO processing_restriction (id, subject_id, reason, reference, restricted_at, restricted_by)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(id, subjectId, reason.name(), ref, clock.instant().atOffset(ZoneOffset.UTC), actor).update();
            notices.tell(subjectId, RecipientNotices.Cause.RESTRICTION, List.of(), ref == null ? id.toString() : ref, actor);
            created[0] = true;
            return find(id).orElseThrow();
        });
        if (created[0]) {
            audit.append(AuditEvent.allowed(actor, "restrict", RIGHTS_REQUESTS, "subject", subjectId.toString(), subjectId, List.of()));
        }
        return restriction;
    }

    @Override
    public Optional<Restriction> lift(UUID subjectId, String liftReason, String by) {
        String actor = RecordedBy.actor(by);
        String why = RecordedBy.code("liftReason", liftReason);
        known(subjectId);
        Optional<Restriction> lifted = transaction.execute(tx -> {
            limits.changed();
            Optional<Restriction> current = current(subjectId);
            current.ifPresent(r -> guards.orderedStream().map(g -> g.refusal(r)).flatMap(Optional::stream).findFirst().ifPresent(refused -> {
                throw new InvalidInputException("subjectId", refused); // Art. 18(3): the person is told first
            }));
            current.ifPresent(r -> jdbc.sql("UPDATE processing_restriction SET lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE id = ?")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), actor, why, r.id()).update());
            return current.flatMap(r -> find(r.id()));
        });
        lifted.ifPresent(r -> audit.append(AuditEvent.allowed(actor, "lift-restriction", RIGHTS_REQUESTS, "subject", subjectId.toString(),
                subjectId, List.of())));
        return lifted;
    }

    @Override
    public boolean isRestricted(UUID subjectId) {
        return limits.of(subjectId).restricted();
    }

    @Override
    public Optional<Restriction> current(UUID subjectId) {
        return jdbc.sql(SELECT + " WHERE subject_id = ? AND lifted_at IS NULL ORDER BY restricted_at DESC").param(subjectId)
                .query(JdbcProcessingRestrictions::row).list().stream().findFirst();
    }

    @Override
    public List<Restriction> history(UUID subjectId) {
        return jdbc.sql(SELECT + " WHERE subject_id = ? ORDER BY restricted_at DESC, id DESC").param(subjectId)
                .query(JdbcProcessingRestrictions::row).list();
    }

    @Override
    public List<Restriction> inForce() {
        return jdbc.sql(SELECT + " WHERE lifted_at IS NULL ORDER BY restricted_at DESC, id DESC").query(JdbcProcessingRestrictions::row).list();
    }

    @Override
    public Set<String> purposesAllowedWhileRestricted() {
        return limits.purposes().allowedWhileRestricted();
    }

    private void known(UUID subjectId) {
        if (subjectId == null || !subjects.exists(subjectId)) {
            throw new InvalidInputException("subjectId", "no such person");
        }
    }

    private Optional<Restriction> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(JdbcProcessingRestrictions::row).optional();
    }

    private static final String SELECT = """
            SELECT id, subject_id, reason, reference, restricted_at, restricted_by, lifted_at, lifted_by, lift_reason
            FROM processing_restriction""";

    private static Restriction row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime lifted = rs.getObject("lifted_at", OffsetDateTime.class);
        return new Restriction(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class), Reason.valueOf(rs.getString("reason")),
                rs.getString("reference"), rs.getObject("restricted_at", OffsetDateTime.class).toInstant(), rs.getString("restricted_by"),
                lifted == null ? null : lifted.toInstant(), rs.getString("lifted_by"), rs.getString("lift_reason"));
    }
}
