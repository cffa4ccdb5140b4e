package org.charte.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.RecipientNotices;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.Zones;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notices in {@code recipient_notice}. The recipients are found from the grants: every
 * subcontractor one of whose users was ever granted this person (a grant names the person as a
 * resource), in force or not, since what they received may still be with them.
 */
@Service
class JdbcRecipientNotices implements RecipientNotices {

    /** Field names as a rectification gives them: {@code identity.lastName}, {@code contacts.emails}. */
    private static final Pattern FIELD = Pattern.compile("[a-zA-Z][a-zA-Z.-]{0,59}");

    private final JdbcClient jdbc;
    private final Subcontractors subcontractors;
    private final Ids ids;
    private final Clock clock;

    JdbcRecipientNotices(JdbcClient jdbc, Subcontractors subcontractors, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.subcontractors = subcontractors;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    @Transactional
    public List<Notice> tell(UUID subjectId, Cause cause, List<String> fields, @Nullable String reference, String by) {
        String actor = RecordedBy.actor(by);
        String ref = RecordedBy.reference(reference);
        if (cause == null) {
            throw new InvalidInputException("cause", "one of rectification, erasure, restriction");
        }
        for (String field : fields) {
            if (!FIELD.matcher(field).matches()) {
                throw new InvalidInputException("fields", "must be field names such as identity.lastName");
            }
        }
        String joined = fields.isEmpty() ? null : String.join(",", fields);
        if (joined != null && joined.length() > 500) {
            throw new InvalidInputException("fields", "too many field names");
        }
        LocalDate today = LocalDate.now(clock.withZone(Zones.PARIS));
        List<Notice> told = new ArrayList<>();
        for (Subcontractor recipient : recipientsOf(subjectId)) {
            UUID id = ids.next();
            jdbc.sql("""
                    INSERT INTO recipient_notice (id, subject_id, cause, reference, subcontractor_id, fields, told_on, recorded_at, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, subjectId, cause.name(), ref, recipient.id(), joined, today, clock.instant().atOffset(ZoneOffset.UTC), actor)
                    .update();
            told.add(new Notice(id, subjectId, cause, ref, recipient.id(), recipient.name(), List.copyOf(fields), today, actor));
        }
        return told;
    }

    @Override
    public List<Subcontractor> recipientsOf(UUID subjectId) {
        List<UUID> ids = jdbc.sql("""
                SELECT DISTINCT s.subcontractor_id FROM access_grant g
                JOIN access_grant_resource r ON r.grant_id = g.id
                JOIN staff_account s ON s.id = g.grantee_id
                WHERE r.resource_type = 'SUBJECT' AND r.resource_id = ? AND s.subcontractor_id IS NOT NULL""")
                .param(subjectId).query(UUID.class).list();
        return ids.stream().map(subcontractors::find).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Subcontractor::name)).toList();
    }

    @Override
    public List<Notice> forSubject(UUID subjectId) {
        return jdbc.sql(SELECT + " WHERE n.subject_id = ? ORDER BY n.recorded_at DESC, n.id DESC").param(subjectId)
                .query(JdbcRecipientNotices::row).list();
    }

    @Override
    public List<Notice> recent(int limit) {
        return jdbc.sql(SELECT + " ORDER BY n.recorded_at DESC, n.id DESC LIMIT ?").param(Math.max(0, limit))
                .query(JdbcRecipientNotices::row).list();
    }

    private static final String SELECT = """
            SELECT n.id, n.subject_id, n.cause, n.reference, n.subcontractor_id, s.name, n.fields, n.told_on, n.recorded_by
            FROM recipient_notice n JOIN subcontractor s ON s.id = n.subcontractor_id""";

    private static Notice row(ResultSet rs, int n) throws SQLException {
        String fields = rs.getString(7);
        return new Notice(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), Cause.valueOf(rs.getString(3)), rs.getString(4),
                rs.getObject(5, UUID.class), rs.getString(6), fields == null ? List.of() : Arrays.asList(fields.split(",")),
                rs.getObject(8, LocalDate.class), rs.getString(9));
    }
}
