package org.charte.access.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessException;
import org.charte.access.AccessRequest;
import org.charte.access.KnownSubjects;
import org.charte.access.Objections;
import org.charte.access.Purpose;
import org.charte.access.ResourceRef;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.TextInput;
import org.charte.policy.LegalBasis;
import org.charte.policy.Policy;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Objections in {@code objection}: the motive and the DPO's reasons sealed under the person's key.
 * An objection counts at the decision point once upheld ({@link ProcessingLimits}).
 */
@Service
class JdbcObjections implements Objections {

    static final int TEXT_MAX = 5000;
    private static final String MOTIVE_FIELD = "objection-motive";
    private static final String REASONS_FIELD = "objection-reasons";

    private final JdbcClient jdbc;
    private final ProcessingLimits limits;
    private final KnownSubjects subjects;
    private final StaffAccounts staff;
    private final AccessDecisions decisions;
    private final Vault vault;
    private final AuditLog audit;
    private final Policy policy;
    private final Ids ids;
    private final Clock clock;
    private final TransactionTemplate transaction;

    JdbcObjections(JdbcClient jdbc, ProcessingLimits limits, KnownSubjects subjects, StaffAccounts staff, AccessDecisions decisions,
            Vault vault, AuditLog audit, Policy policy, Ids ids, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.subjects = subjects;
        this.staff = staff;
        this.decisions = decisions;
        this.vault = vault;
        this.audit = audit;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public List<Objection> objectToDirectMarketing(UUID subjectId, @Nullable String reference, String by) {
        return marketing(subjectId, directMarketingPurposes(), RecordedBy.reference(reference), RecordedBy.actor(by));
    }

    @Override
    public Objection object(UUID subjectId, String purpose, @Nullable String motive, @Nullable String reference, String by) {
        String actor = RecordedBy.actor(by);
        String ref = RecordedBy.reference(reference);
        String code = Purpose.of(purpose).code();
        Policy.Purpose declared = policy.purpose(code)
                .orElseThrow(() -> new InvalidInputException("purpose", "is not a purpose of the policy in force"));
        if (directMarketingPurposes().contains(code)) {
            List<Objection> recorded = marketing(subjectId, Set.of(code), ref, actor);
            return recorded.isEmpty() ? upheld(subjectId, code).orElseThrow() : recorded.getFirst();
        }
        if (!purposesNeedingMotive().contains(code)) {
            throw new InvalidInputException("purpose", "the right to object (GDPR Art. 21) does not apply to " + code + ": it rests on "
                    + declared.legalBasis().code() + " (" + declared.legalBasis().article() + ")"
                    + (declared.legalBasis() == LegalBasis.CONSENT ? "; withdraw the consent instead" : "")
                    + "; objection applies to legitimate-interest purposes and direct marketing");
        }
        String text = motive == null ? "" : motive.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("motive", "an objection to " + code
                    + " states the grounds relating to the person's particular situation (GDPR Art. 21(1))");
        }
        TextInput.requireFreeText("motive", text, TEXT_MAX);
        known(subjectId);
        Optional<Objection> open = forSubject(subjectId).stream()
                .filter(o -> o.purpose().equals(code) && o.status() != Status.REJECTED).findFirst();
        if (open.isPresent()) {
            return open.get(); // already pending or upheld: the first motive stands
        }
        UUID id = ids.next();
        jdbc.sql("""
                INSERT INTO objection (id, subject_id, purpose, kind, status, motive, reference, received_at, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, subjectId, code, Kind.LEGITIMATE_INTEREST.name(), Status.PENDING.name(),
                        vault.seal(subjectId, MOTIVE_FIELD, text.getBytes(StandardCharsets.UTF_8)), ref, now(), actor)
                .update();
        audit.append(new AuditEvent(actor, "object", JdbcProcessingRestrictions.RIGHTS_REQUESTS, "objection", id.toString(), subjectId,
                List.of("other-information"), AuditOutcome.ALLOWED, "objection to " + code + ": pending, with a motive"));
        return find(id).orElseThrow();
    }

    /** Direct marketing: upheld at once, without motive, one row per purpose not yet objected to. */
    private List<Objection> marketing(UUID subjectId, Set<String> purposes, @Nullable String reference, String actor) {
        known(subjectId);
        List<UUID> recorded = new ArrayList<>();
        transaction.executeWithoutResult(tx -> {
            limits.changed();
            for (String purpose : new TreeSet<>(purposes)) {
                if (upheld(subjectId, purpose).isPresent()) {
                    continue;
                }
                UUID id = ids.next();
                jdbc.sql("""
                        INSERT INTO objection (id, subject_id, purpose, kind, status, reference, received_at, recorded_by, decided_at, decided_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, subjectId, purpose, Kind.DIRECT_MARKETING.name(), Status.UPHELD.name(), reference, now(), actor, now(), actor)
                        .update();
                recorded.add(id);
            }
        });
        List<Objection> objections = recorded.stream().map(id -> find(id).orElseThrow()).toList();
        for (Objection o : objections) {
            audit.append(new AuditEvent(actor, "object", JdbcProcessingRestrictions.RIGHTS_REQUESTS, "objection", o.id().toString(), subjectId,
                    List.of(), AuditOutcome.ALLOWED, "objection to " + o.purpose()
                            + ": direct marketing, upheld without motive (GDPR Art. 21(3))"));
        }
        return objections;
    }

    private Optional<Objection> upheld(UUID subjectId, String purpose) {
        return jdbc.sql(SELECT + " WHERE subject_id = ? AND purpose = ? AND status = 'UPHELD'").params(subjectId, purpose)
                .query(JdbcObjections::row).list().stream().findFirst();
    }

    @Override
    public Objection decide(UUID objectionId, Outcome outcome, @Nullable String reasons, UUID dpoId) {
        StaffMember dpo = dpoId == null ? null : staff.find(dpoId).orElse(null);
        if (dpo == null || !"dpo".equals(dpo.role())) {
            throw new AccessException("decidedBy", "only the DPO decides an objection");
        }
        if (outcome == null) {
            throw new InvalidInputException("outcome", "must be upheld or rejected");
        }
        String text = reasons == null ? "" : reasons.strip();
        if (outcome == Outcome.REJECTED && text.isEmpty()) {
            throw new InvalidInputException("reasons", "a rejection states the compelling legitimate grounds or the legal claims (GDPR Art. 21(1))");
        }
        TextInput.requireFreeText("reasons", text, TEXT_MAX);
        String actor = "staff:" + dpo.id();
        Objection decided = transaction.execute(tx -> {
            Objection objection = jdbc.sql(SELECT + " WHERE id = ? FOR UPDATE").param(objectionId).query(JdbcObjections::row).optional()
                    .orElseThrow(() -> new InvalidInputException("id", "no such objection"));
            if (objection.status() != Status.PENDING) {
                throw new InvalidInputException("id", "this objection is already decided (" + objection.status().name().toLowerCase(Locale.ROOT) + ")");
            }
            if (outcome == Outcome.UPHELD) {
                limits.changed();
            }
            jdbc.sql("UPDATE objection SET status = ?, decided_at = ?, decided_by = ?, reasons = ? WHERE id = ?")
                    .params(outcome.name(), now(), actor,
                            text.isEmpty() ? null : vault.seal(objection.subjectId(), REASONS_FIELD, text.getBytes(StandardCharsets.UTF_8)),
                            objectionId)
                    .update();
            return find(objectionId).orElseThrow();
        });
        audit.append(new AuditEvent(actor, "decide-objection", JdbcProcessingRestrictions.RIGHTS_REQUESTS, "objection", decided.id().toString(),
                decided.subjectId(), List.of(), AuditOutcome.ALLOWED, "objection to " + decided.purpose() + ": "
                        + outcome.name().toLowerCase(Locale.ROOT)));
        return decided;
    }

    @Override
    public Optional<Objection> find(UUID objectionId) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(objectionId).query(JdbcObjections::row).optional();
    }

    @Override
    public List<Objection> pending() {
        return jdbc.sql(SELECT + " WHERE status = 'PENDING' ORDER BY received_at, id").query(JdbcObjections::row).list();
    }

    @Override
    public List<Objection> forSubject(UUID subjectId) {
        return jdbc.sql(SELECT + " WHERE subject_id = ? ORDER BY received_at DESC, id DESC").param(subjectId).query(JdbcObjections::row).list();
    }

    @Override
    public Statement statement(AccessRequest.Actor actor, UUID objectionId) {
        record Texts(UUID subjectId, byte @Nullable [] motive, byte @Nullable [] reasons) {}
        Texts texts = jdbc.sql("SELECT subject_id, motive, reasons FROM objection WHERE id = ?").param(objectionId)
                .query((rs, n) -> new Texts(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getBytes(3))).optional()
                .orElseThrow(() -> new InvalidInputException("id", "no such objection"));
        decisions.require(new AccessRequest(actor, JdbcProcessingRestrictions.RIGHTS_REQUESTS, AccessRequest.Action.READ,
                Set.of("other-information"), ResourceRef.subject(texts.subjectId())));
        return new Statement(objectionId, open(texts.subjectId(), MOTIVE_FIELD, texts.motive()),
                open(texts.subjectId(), REASONS_FIELD, texts.reasons()));
    }

    private @Nullable String open(UUID subjectId, String field, byte @Nullable [] sealed) {
        return sealed == null ? null : new String(vault.open(subjectId, field, sealed), StandardCharsets.UTF_8);
    }

    @Override
    public boolean objected(UUID subjectId, String purpose) {
        return limits.of(subjectId).objected().contains(purpose);
    }

    @Override
    public Set<String> directMarketingPurposes() {
        return limits.purposes().directMarketing();
    }

    @Override
    public Set<String> purposesNeedingMotive() {
        return limits.purposes().needingMotive();
    }

    private void known(UUID subjectId) {
        if (subjectId == null || !subjects.exists(subjectId)) {
            throw new InvalidInputException("subjectId", "no such person");
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static final String SELECT = """
            SELECT id, subject_id, purpose, kind, status, reference, received_at, recorded_by, decided_at, decided_by FROM objection""";

    private static Objection row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
        return new Objection(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class), rs.getString("purpose"),
                Kind.valueOf(rs.getString("kind")), Status.valueOf(rs.getString("status")), rs.getString("reference"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("recorded_by"),
                decided == null ? null : decided.toInstant(), rs.getString("decided_by"));
    }
}
