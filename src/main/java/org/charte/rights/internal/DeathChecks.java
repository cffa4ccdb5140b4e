package org.charte.rights.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.InvalidInputException;
import org.charte.subjects.PostMortem;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A death notified is checked before anything irreversible is done (R9.4): anyone's word is not
 * enough to erase a person or send their data to a third party. The DPO checks the evidence, a death
 * certificate's reference or the document itself (sealed under a key of the check's own until
 * checked, then its content deleted, as an identity document's is, L1), and confirms or rejects the
 * death on {@code /backoffice/droits/deces}. Confirmed, the directives are carried out
 * ({@link DeathNotices}, after the commit); rejected, the notification is withdrawn and the
 * restriction it brought lifted. Each decision is recorded in the audit log under the person's id.
 */
@Service
class DeathChecks {

    enum Status { AWAITING_EVIDENCE, CONFIRMED, REJECTED }

    /** A check as the DPO's page shows it: no personal data but the person's id. */
    record Check(UUID id, UUID subjectId, LocalDate diedOn, Instant notifiedAt, Status status, @Nullable Instant documentReceivedAt,
            @Nullable Instant documentDeletedAt, @Nullable Instant decidedAt, @Nullable String decidedBy) {

        public boolean documentWaiting() {
            return documentReceivedAt != null && documentDeletedAt == null;
        }
    }

    static final int REFERENCE_MAX = 200;
    static final int DOCUMENT_MAX = 1024 * 1024;
    private static final String EVIDENCE = "rights.death-evidence:";
    private static final String DOCUMENT = "rights.death-certificate:";
    private static final String NOTE = "rights.death-note:";

    private final JdbcClient jdbc;
    private final Vault vault;
    private final RequestStore store;
    private final PostMortem postMortem;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final PostMortemGrants grants;

    DeathChecks(JdbcClient jdbc, Vault vault, RequestStore store, PostMortem postMortem, AuditLog audit, ApplicationEventPublisher events,
            PostMortemGrants grants) {
        this.grants = grants;
        this.jdbc = jdbc;
        this.vault = vault;
        this.store = store;
        this.postMortem = postMortem;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Opens the check of a death just notified, and with it the DPO's grant on the person until it is
     * decided ({@link PostMortemAccess}); once per notification (a retried event opens nothing more).
     */
    @Transactional
    void open(UUID subjectId, LocalDate diedOn) {
        if (jdbc.sql("SELECT COUNT(*) FROM rights_death_check WHERE subject_id = ? AND status = ?")
                .params(subjectId, Status.AWAITING_EVIDENCE.name()).query(Long.class).single() > 0) {
            return;
        }
        UUID id = store.nextId();
        vault.createKey(id);
        jdbc.sql("INSERT INTO rights_death_check (id, subject_id, died_on, notified_at, status) VALUES (?, ?, ?, ?, ?)")
                .params(id, subjectId, diedOn, store.nowUtc(), Status.AWAITING_EVIDENCE.name()).update();
        grants.checkOpened(id, subjectId);
    }

    List<Check> awaiting() {
        return jdbc.sql(SELECT + " WHERE status = 'AWAITING_EVIDENCE' ORDER BY notified_at, id").query(DeathChecks::row).list();
    }

    List<Check> decided(int limit) {
        return jdbc.sql(SELECT + " WHERE status <> 'AWAITING_EVIDENCE' ORDER BY decided_at DESC, id").query(DeathChecks::row).list()
                .stream().limit(limit).toList();
    }

    Optional<Check> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(DeathChecks::row).optional();
    }

    /** The death certificate, sealed until the DPO checks it. */
    @Transactional
    void receiveDocument(Actor staff, UUID id, byte[] content, @Nullable String contentType) {
        awaitingLocked(id);
        if (content == null || content.length == 0) {
            throw new InvalidInputException("document", "the file is empty", "rights.problem.file-empty");
        }
        if (content.length > DOCUMENT_MAX) {
            throw new InvalidInputException("document", "the file is larger than 1 MB", "rights.problem.file-too-large");
        }
        String type = contentType == null || contentType.isBlank() || contentType.length() > 100 ? "application/octet-stream" : contentType;
        jdbc.sql("UPDATE rights_death_check SET document = ?, document_type = ?, document_received_at = ?, document_deleted_at = NULL WHERE id = ?")
                .params(vault.seal(id, DOCUMENT + id, content), type, store.nowUtc(), id).update();
    }

    /**
     * The DPO checked the evidence and confirms the death: a certificate's reference, or the document
     * received (its content deleted now). The directives are carried out after the commit.
     */
    @Transactional
    Check confirm(Actor staff, UUID id, @Nullable String reference) {
        Check check = awaitingLocked(id);
        String ref = reference == null || reference.isBlank() ? null : reference.strip();
        if (ref != null && ref.length() > REFERENCE_MAX) {
            throw new InvalidInputException("reference", "must be at most " + REFERENCE_MAX + " characters", "rights.problem.reference-too-long");
        }
        if (ref == null && !check.documentWaiting()) {
            throw new InvalidInputException("reference", "give the death certificate's reference, or receive the certificate, before confirming", "rights.problem.reference-needed");
        }
        String evidence = ref != null ? "certificate-reference" : "certificate-checked-and-deleted";
        decide(id, Status.CONFIRMED, staff, ref == null ? null : vault.seal(id, EVIDENCE + id, ref.getBytes(StandardCharsets.UTF_8)), null);
        audit.append(new AuditEvent(staff.typedId(), "confirm-death", PersonalFiles.PURPOSE, "death-check", id.toString(), check.subjectId(),
                List.of("identity"), AuditOutcome.ALLOWED, "evidence checked: " + evidence + "; post-mortem directives to carry out"));
        events.publishEvent(new DeathConfirmed(id, check.subjectId(), staff.typedId()));
        return find(id).orElseThrow();
    }

    /**
     * The DPO rejects the death notified (evidence wanting): nothing is carried out, the notification
     * withdrawn, the DPO's grant the check opened ended.
     */
    @Transactional
    Check reject(Actor staff, UUID id, @Nullable String reasons) {
        Check check = awaitingLocked(id);
        String text = Steps.required("reasons", reasons, Steps.TEXT_MAX);
        decide(id, Status.REJECTED, staff, null, vault.seal(id, NOTE + id, text.getBytes(StandardCharsets.UTF_8)));
        postMortem.withdrawDeath(check.subjectId(), staff.typedId());
        audit.append(new AuditEvent(staff.typedId(), "reject-death", PersonalFiles.PURPOSE, "death-check", id.toString(), check.subjectId(),
                List.of("identity"), AuditOutcome.ALLOWED, "evidence wanting: notification withdrawn, nothing carried out"));
        grants.checkDecided(id, staff.typedId(), PostMortemAccess.DEATH_REJECTED);
        return find(id).orElseThrow();
    }

    /** The DPO's reasons for a rejection, or the certificate's reference of a confirmation, opened for the DPO's page. */
    @Nullable String note(UUID id) {
        return jdbc.sql("SELECT evidence, note FROM rights_death_check WHERE id = ?").param(id).query((rs, n) -> {
            byte[] evidence = rs.getBytes("evidence");
            byte[] note = rs.getBytes("note");
            return evidence != null ? new String(vault.open(id, EVIDENCE + id, evidence), StandardCharsets.UTF_8)
                    : note != null ? new String(vault.open(id, NOTE + id, note), StandardCharsets.UTF_8) : null;
        }).optional().orElse(null);
    }

    private void decide(UUID id, Status status, Actor staff, byte @Nullable [] evidence, byte @Nullable [] note) {
        OffsetDateTime now = store.nowUtc();
        // the certificate's content goes, whatever the decision: it was kept only to be checked
        jdbc.sql("UPDATE rights_death_check SET status = ?, decided_at = ?, decided_by = ?, evidence = ?, note = ?, document = NULL WHERE id = ?")
                .params(status.name(), now, staff.typedId(), evidence, note, id).update();
        jdbc.sql("UPDATE rights_death_check SET document_deleted_at = ? WHERE id = ? AND document_received_at IS NOT NULL").params(now, id).update();
    }

    private Check awaitingLocked(UUID id) {
        jdbc.sql("SELECT id FROM rights_death_check WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional()
                .orElseThrow(() -> new InvalidInputException("id", "no such death notice", "rights.problem.no-death-notice"));
        Check check = find(id).orElseThrow();
        if (check.status() != Status.AWAITING_EVIDENCE) {
            throw new InvalidInputException("status", "this death notice was already decided", "rights.problem.death-decided");
        }
        return check;
    }

    private static final String SELECT = """
            SELECT id, subject_id, died_on, notified_at, status, document_received_at, document_deleted_at, decided_at, decided_by
            FROM rights_death_check""";

    private static Check row(ResultSet rs, int n) throws SQLException {
        return new Check(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class), rs.getObject("died_on", LocalDate.class),
                rs.getObject("notified_at", OffsetDateTime.class).toInstant(), Status.valueOf(rs.getString("status")),
                instant(rs.getObject("document_received_at", OffsetDateTime.class)), instant(rs.getObject("document_deleted_at", OffsetDateTime.class)),
                instant(rs.getObject("decided_at", OffsetDateTime.class)), rs.getString("decided_by"));
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
