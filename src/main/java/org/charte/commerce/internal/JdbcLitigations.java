package org.charte.commerce.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.commerce.Litigation;
import org.charte.commerce.LitigationClosed;
import org.charte.commerce.LitigationOpened;
import org.charte.commerce.Litigations;
import org.charte.commerce.UnknownRecordException;
import org.charte.common.Ids;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.vault.Vault;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcLitigations implements Litigations {

    static final String PURPOSE = "unpaid-litigation";
    private static final String REASON = "litigation.reason";

    private final JdbcClient jdbc;
    private final Checks checks;
    private final InputChecks inputs;
    private final Sealed sealed;
    private final Ids ids;
    private final ApplicationEventPublisher events;

    JdbcLitigations(JdbcClient jdbc, Checks checks, InputChecks inputs, Sealed sealed, Ids ids, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.inputs = inputs;
        this.sealed = sealed;
        this.ids = ids;
        this.events = events;
    }

    @Override
    @Transactional
    public Litigation open(Actor actor, UUID subjectId, NewLitigation litigation) {
        List<FieldError> errors = inputs.violations(litigation);
        LocalDate today = inputs.today();
        if (errors.isEmpty()) {
            InputChecks.notInFuture(errors, "openedOn", litigation.openedOn(), today);
        }
        InputChecks.throwIfAny(errors);
        checks.subjectExists(subjectId);
        checks.require(actor, PURPOSE, Action.CREATE, Set.of("billing"), subjectId);
        List<UUID> invoices = litigation.invoiceIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(litigation.invoiceIds()));
        for (int i = 0; i < invoices.size(); i++) {
            boolean hers = jdbc.sql("SELECT COUNT(*) FROM invoice WHERE id = ? AND subject_id = ?").params(invoices.get(i), subjectId)
                    .query(Long.class).single() > 0;
            if (!hers) {
                errors.add(new FieldError("invoiceIds[" + i + "]", "no such invoice of this person"));
            }
        }
        InputChecks.throwIfAny(errors);
        UUID id = ids.next();
        LocalDate openedOn = litigation.openedOn() == null ? today : litigation.openedOn();
        jdbc.sql("INSERT INTO litigation (id, subject_id, opened_on, reason, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, subjectId, openedOn, sealed.text(subjectId, REASON, id, litigation.reason().strip()), inputs.now()).update();
        for (UUID invoice : invoices) {
            jdbc.sql("INSERT INTO litigation_invoice (litigation_id, invoice_id) VALUES (?, ?)").params(id, invoice).update();
        }
        events.publishEvent(new LitigationOpened(id, subjectId, openedOn));
        return load(id);
    }

    @Override
    @Transactional
    public Litigation close(Actor actor, UUID litigationId, Closure closure) {
        List<FieldError> errors = inputs.violations(closure);
        LocalDate today = inputs.today();
        if (errors.isEmpty()) {
            InputChecks.notInFuture(errors, "closedOn", closure.closedOn(), today);
        }
        InputChecks.throwIfAny(errors);
        Litigation litigation = load(litigationId);
        checks.require(actor, PURPOSE, Action.WRITE, Set.of("billing"), litigation.subjectId());
        LocalDate closedOn = closure.closedOn() == null ? today : closure.closedOn();
        if (litigation.closedOn() != null) {
            throw new InvalidInputException("id", "the litigation is already closed");
        }
        if (closedOn.isBefore(litigation.openedOn())) {
            throw new InvalidInputException("closedOn", "must not be before the litigation was opened");
        }
        int updated = jdbc.sql("UPDATE litigation SET closed_on = ?, outcome = ? WHERE id = ? AND closed_on IS NULL")
                .params(closedOn, closure.outcome(), litigationId).update();
        if (updated == 0) {
            throw new InvalidInputException("id", "the litigation is already closed");
        }
        events.publishEvent(new LitigationClosed(litigationId, litigation.subjectId(), closedOn, closure.outcome()));
        return load(litigationId);
    }

    @Override
    public List<Litigation> ofSubject(Actor actor, String purpose, UUID subjectId) {
        checks.subjectExists(subjectId);
        checks.requireRead(actor, purpose, Set.of("billing"), subjectId);
        Map<UUID, List<UUID>> invoices = new HashMap<>(); // one query for every litigation's invoices
        jdbc.sql("""
                SELECT li.litigation_id, li.invoice_id FROM litigation_invoice li JOIN litigation l ON l.id = li.litigation_id
                WHERE l.subject_id = ? ORDER BY li.litigation_id, li.invoice_id""").param(subjectId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list()
                .forEach(e -> invoices.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        var key = sealed.keyOf(subjectId); // read once for all their reasons
        return jdbc.sql(SELECT + " WHERE subject_id = ? ORDER BY opened_on, id").param(subjectId)
                .query((rs, n) -> row(rs, key, invoices.getOrDefault(rs.getObject("id", UUID.class), new ArrayList<>()))).list();
    }

    private static final String SELECT = "SELECT id, subject_id, opened_on, reason, closed_on, outcome FROM litigation";

    private Litigation load(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).optional()
                .orElseThrow(() -> new UnknownRecordException("id", "no such litigation"));
    }

    private Litigation row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> invoices = jdbc.sql("SELECT invoice_id FROM litigation_invoice WHERE litigation_id = ? ORDER BY invoice_id").param(id)
                .query(UUID.class).list();
        return row(rs, sealed.keyOf(rs.getObject("subject_id", UUID.class)), new ArrayList<>(invoices));
    }

    private Litigation row(ResultSet rs, Vault.SubjectKey key, List<UUID> invoices) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID subjectId = rs.getObject("subject_id", UUID.class);
        if (!subjectId.equals(key.subjectId())) {
            throw new IllegalStateException("a litigation of another person");
        }
        return new Litigation(id, subjectId, rs.getObject("opened_on", LocalDate.class),
                Objects.requireNonNull(sealed.openText(key, REASON, id, rs.getBytes("reason"))), invoices,
                rs.getObject("closed_on", LocalDate.class), rs.getString("outcome"));
    }
}
