package org.charte.access.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.access.KeptForObligations;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** People kept only for a hold's purposes, in {@code kept_for_obligation}; the decision point enforces it from {@link ProcessingLimits}. */
@Service
class JdbcKeptForObligations implements KeptForObligations {

    private final JdbcClient jdbc;
    private final ProcessingLimits limits;
    private final Policy policy;
    private final AuditLog audit;
    private final Clock clock;

    JdbcKeptForObligations(JdbcClient jdbc, ProcessingLimits limits, Policy policy, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void keepOnlyFor(UUID subjectId, Set<String> purposes, String reason, String by) {
        String actor = RecordedBy.actor(by);
        String why = RecordedBy.code("reason", reason);
        if (subjectId == null) {
            throw new InvalidInputException("subjectId", "name the person");
        }
        if (purposes == null || purposes.isEmpty() || purposes.stream().anyMatch(p -> p == null || policy.purpose(p).isEmpty())) {
            throw new InvalidInputException("purposes", "must name one or more purposes of the policy in force");
        }
        Set<String> sorted = new TreeSet<>(purposes);
        if (find(subjectId).map(k -> k.purposes().equals(sorted)).orElse(false)) {
            return;
        }
        limits.changed();
        jdbc.sql("DELETE FROM kept_for_obligation WHERE subject_id = ?").param(subjectId).update();
        jdbc.sql("INSERT INTO kept_for_obligation (subject_id, purposes, reason, since, set_by) VALUES (?, ?, ?, ?, ?)")
                .params(subjectId, String.join(",", sorted), why, clock.instant().atOffset(ZoneOffset.UTC), actor).update();
        audit.append(AuditEvent.allowed(actor, "keep-for-obligation", null, "subject", subjectId.toString(), subjectId, List.of()));
    }

    @Override
    public int release(Collection<UUID> subjectIds, String by) {
        String actor = RecordedBy.actor(by);
        if (subjectIds.isEmpty()) {
            return 0;
        }
        List<UUID> kept = jdbc.sql("SELECT subject_id FROM kept_for_obligation WHERE subject_id IN (:ids)").param("ids", List.copyOf(subjectIds))
                .query(UUID.class).list();
        if (kept.isEmpty()) {
            return 0;
        }
        limits.changed();
        jdbc.sql("DELETE FROM kept_for_obligation WHERE subject_id IN (:ids)").param("ids", kept).update();
        kept.forEach(id -> audit.append(AuditEvent.allowed(actor, "release-kept-for-obligation", null, "subject", id.toString(), id, List.of())));
        return kept.size();
    }

    @Override
    public Optional<Kept> find(UUID subjectId) {
        return jdbc.sql("SELECT subject_id, purposes, reason, since FROM kept_for_obligation WHERE subject_id = ?").param(subjectId)
                .query((rs, n) -> new Kept(rs.getObject(1, UUID.class), Set.copyOf(new TreeSet<>(Arrays.asList(rs.getString(2).split(",")))),
                        rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()))
                .optional();
    }
}
