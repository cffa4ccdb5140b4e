package org.charte.registers.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The disclosures register's rows (R6.6): SQL and row mapping only. */
@Repository
class JdbcDisclosures {

    static final int MAX_AUTHORITY = 200;
    static final int MAX_DETAIL = 300;
    static final int MAX_REFERENCE = 100;
    static final int MAX_REASON = 500;

    private static final String COLUMNS = """
            d.id, d.authority, d.legal_basis, d.legal_basis_detail, d.reference, d.received_on, d.deadline, d.categories,
            d.do_not_inform, d.do_not_inform_reason, d.recorded_by, d.recorded_at, d.approved_by, d.approved_at, d.grant_id,
            d.answered_by, d.answered_at, d.answer_sha256, d.link_expires_at, d.link_used_at""";

    private final JdbcClient jdbc;

    JdbcDisclosures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewRow(UUID id, String authority, DisclosureLegalBasis legalBasis, @Nullable String legalBasisDetail, String reference,
            LocalDate receivedOn, @Nullable LocalDate deadline, List<String> categories, List<UUID> subjectIds, boolean doNotInform,
            @Nullable String doNotInformReason, UUID recordedBy, Instant recordedAt) {}

    void insert(NewRow row) {
        jdbc.sql("""
                INSERT INTO disclosure_request (id, authority, legal_basis, legal_basis_detail, reference, received_on, deadline, categories,
                    do_not_inform, do_not_inform_reason, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(row.id(), row.authority(), row.legalBasis().code(), row.legalBasisDetail(), row.reference(), row.receivedOn(),
                        row.deadline(), String.join(",", row.categories()), row.doNotInform(), row.doNotInformReason(), row.recordedBy(),
                        utc(row.recordedAt()))
                .update();
        for (UUID subject : row.subjectIds()) {
            jdbc.sql("INSERT INTO disclosure_subject (disclosure_id, subject_id) VALUES (?, ?)").params(row.id(), subject).update();
        }
    }

    /** Marks it approved, unless someone did already; whether this call did. */
    boolean approve(UUID id, UUID approvedBy, Instant at, UUID grantId) {
        return jdbc.sql("UPDATE disclosure_request SET approved_by = ?, approved_at = ?, grant_id = ? WHERE id = ? AND approved_by IS NULL")
                .params(approvedBy, utc(at), grantId, id).update() == 1;
    }

    /** Records the answer, unless one was produced already; whether this call did. */
    boolean answer(UUID id, UUID answeredBy, Instant at, String sha256, String linkHash, Instant expiresAt, byte[] sealed) {
        return jdbc.sql("""
                UPDATE disclosure_request SET answered_by = ?, answered_at = ?, answer_sha256 = ?, link_hash = ?, link_expires_at = ?,
                    sealed_answer = ? WHERE id = ? AND answered_at IS NULL AND approved_at IS NOT NULL""")
                .params(answeredBy, utc(at), sha256, linkHash, utc(expiresAt), sealed, id).update() == 1;
    }

    void informed(UUID id, UUID subjectId, Instant at) {
        jdbc.sql("UPDATE disclosure_subject SET informed_at = ? WHERE disclosure_id = ? AND subject_id = ?").params(utc(at), id, subjectId).update();
    }

    record Sealed(UUID id, Instant expiresAt, @Nullable Instant usedAt, byte @Nullable [] sealed) {}

    Optional<Sealed> byLink(String linkHash) {
        return jdbc.sql("SELECT id, link_expires_at, link_used_at, sealed_answer FROM disclosure_request WHERE link_hash = ?").param(linkHash)
                .query((rs, n) -> new Sealed(rs.getObject("id", UUID.class), instant(rs, "link_expires_at"), instantOrNull(rs, "link_used_at"),
                        rs.getBytes("sealed_answer")))
                .optional();
    }

    /** Takes the sealed answer for its one download: marks the link used and erases it; whether this call took it. */
    boolean take(UUID id, Instant at) {
        return jdbc.sql("UPDATE disclosure_request SET link_used_at = ?, sealed_answer = NULL WHERE id = ? AND link_used_at IS NULL")
                .params(utc(at), id).update() == 1;
    }

    /** Erases a sealed answer whose link expired unused. */
    void expire(UUID id) {
        jdbc.sql("UPDATE disclosure_request SET sealed_answer = NULL WHERE id = ?").param(id).update();
    }

    Optional<Disclosure> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_request d WHERE d.id = ?").param(id).query(this::row).optional();
    }

    /** The register, newest first. */
    List<Disclosure> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM disclosure_request d ORDER BY d.recorded_at DESC, d.id DESC").query(this::row).list();
    }

    private Disclosure row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> subjects = jdbc.sql("SELECT subject_id FROM disclosure_subject WHERE disclosure_id = ? ORDER BY subject_id").param(id)
                .query(UUID.class).list();
        int informed = jdbc.sql("SELECT COUNT(*) FROM disclosure_subject WHERE disclosure_id = ? AND informed_at IS NOT NULL").param(id)
                .query(Integer.class).single();
        String categories = rs.getString("categories");
        return new Disclosure(id, rs.getString("authority"), DisclosureLegalBasis.ofCode(rs.getString("legal_basis")).orElseThrow(),
                rs.getString("legal_basis_detail"), rs.getString("reference"), rs.getObject("received_on", LocalDate.class),
                rs.getObject("deadline", LocalDate.class), categories.isEmpty() ? List.of() : Arrays.asList(categories.split(",")), subjects,
                rs.getBoolean("do_not_inform"), rs.getString("do_not_inform_reason"), rs.getObject("recorded_by", UUID.class),
                instant(rs, "recorded_at"), rs.getObject("approved_by", UUID.class), instantOrNull(rs, "approved_at"),
                rs.getObject("grant_id", UUID.class), rs.getObject("answered_by", UUID.class), instantOrNull(rs, "answered_at"),
                rs.getString("answer_sha256"), instantOrNull(rs, "link_expires_at"), instantOrNull(rs, "link_used_at"), informed);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
