package org.charte.commerce.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.commerce.Invoice;
import org.charte.commerce.InvoicePaid;
import org.charte.commerce.InvoiceUnpaid;
import org.charte.commerce.Invoices;
import org.charte.commerce.Payment;
import org.charte.commerce.UnknownRecordException;
import org.charte.common.Ids;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcInvoices implements Invoices {

    /** How long a card reference is kept for disputes after the debit (L7: CNIL 2018-303, CMF L133-24). */
    static final Period CARD_KEPT = Period.ofMonths(13);
    static final String CARD = "payment.card";

    /** What is kept of a card: the provider's token and the last four digits, sealed together. */
    record CardReference(String token, String lastFour) {}

    private final JdbcClient jdbc;
    private final Checks checks;
    private final InputChecks inputs;
    private final Sealed sealed;
    private final Ids ids;
    private final ApplicationEventPublisher events;

    JdbcInvoices(JdbcClient jdbc, Checks checks, InputChecks inputs, Sealed sealed, Ids ids, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.inputs = inputs;
        this.sealed = sealed;
        this.ids = ids;
        this.events = events;
    }

    @Override
    @Transactional
    public Invoice issue(Actor actor, UUID subjectId, NewInvoice invoice) {
        List<FieldError> errors = inputs.violations(invoice);
        LocalDate today = inputs.today();
        LocalDate issuedOn = invoice != null && invoice.issuedOn() != null ? invoice.issuedOn() : today;
        if (errors.isEmpty()) {
            InputChecks.notInFuture(errors, "issuedOn", invoice.issuedOn(), today);
            if (invoice.dueOn().isBefore(issuedOn)) {
                errors.add(new FieldError("dueOn", "must not be before the invoice date"));
            }
        }
        InputChecks.throwIfAny(errors);
        checks.subjectExists(subjectId);
        checks.require(actor, "billing", Action.CREATE, Set.of("billing"), subjectId);
        if (invoice.orderId() != null && !belongsTo("customer_order", invoice.orderId(), subjectId)) {
            errors.add(new FieldError("orderId", "no such order of this person"));
        }
        if (invoice.subscriptionId() != null && !belongsTo("subscription", invoice.subscriptionId(), subjectId)) {
            errors.add(new FieldError("subscriptionId", "no such subscription of this person"));
        }
        InputChecks.throwIfAny(errors);
        UUID id = ids.next();
        jdbc.sql("""
                INSERT INTO invoice (id, subject_id, number, issued_on, due_on, currency, amount, status, order_id, subscription_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, subjectId, nextNumber(issuedOn), issuedOn, invoice.dueOn(), invoice.currency(), invoice.amount().setScale(2),
                        Invoice.Status.ISSUED.name(), invoice.orderId(), invoice.subscriptionId(), inputs.now())
                .update();
        return load(id);
    }

    private boolean belongsTo(String table, UUID id, UUID subjectId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = ? AND subject_id = ?").params(id, subjectId)
                .query(Long.class).single() > 0;
    }

    /** F-2026-000042: the counter row is locked until this transaction ends, so numbers have no gaps. */
    private String nextNumber(LocalDate issuedOn) {
        jdbc.sql("UPDATE invoice_counter SET last_value = last_value + 1 WHERE name = 'invoice'").update();
        long value = jdbc.sql("SELECT last_value FROM invoice_counter WHERE name = 'invoice'").query(Long.class).single();
        return "F-%d-%06d".formatted(issuedOn.getYear(), value);
    }

    @Override
    @Transactional
    public Payment pay(Actor actor, UUID invoiceId, NewPayment payment) {
        List<FieldError> errors = inputs.violations(payment);
        LocalDate today = inputs.today();
        if (errors.isEmpty()) {
            InputChecks.notInFuture(errors, "paidOn", payment.paidOn(), today);
            if (payment.method() == Payment.Method.CARD) {
                if (payment.cardToken() == null) {
                    errors.add(new FieldError("cardToken", "a card payment needs the payment provider's token"));
                } else if (CardData.looksLikeCardNumber(payment.cardToken())) {
                    errors.add(new FieldError("cardToken", CardData.NOT_A_CARD_NUMBER));
                }
                if (payment.cardLastFour() == null) {
                    errors.add(new FieldError("cardLastFour", "a card payment needs the card's last four digits"));
                }
            } else {
                if (payment.cardToken() != null) {
                    errors.add(new FieldError("cardToken", "only a card payment carries a card token"));
                }
                if (payment.cardLastFour() != null) {
                    errors.add(new FieldError("cardLastFour", "only a card payment carries a card's last four digits"));
                }
            }
        }
        InputChecks.throwIfAny(errors);
        Invoice invoice = lockAndLoad(invoiceId);
        checks.require(actor, "billing", Action.CREATE, Set.of("billing"), invoice.subjectId());
        if (invoice.status() == Invoice.Status.PAID) {
            throw new InvalidInputException("invoiceId", "the invoice is already paid");
        }
        if (!payment.currency().equals(invoice.currency())) {
            throw new InvalidInputException("currency", "must be the invoice's currency");
        }
        BigDecimal due = invoice.amount().subtract(invoice.paid());
        if (payment.amount().compareTo(due) > 0) {
            throw new InvalidInputException("amount", "exceeds the balance due on the invoice");
        }
        LocalDate paidOn = payment.paidOn() == null ? today : payment.paidOn();
        if (paidOn.isBefore(invoice.issuedOn())) {
            throw new InvalidInputException("paidOn", "must not be before the invoice date");
        }
        UUID id = ids.next();
        boolean card = payment.method() == Payment.Method.CARD;
        jdbc.sql("""
                INSERT INTO payment (id, invoice_id, subject_id, paid_on, currency, amount, method, card, card_kept_until, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, invoiceId, invoice.subjectId(), paidOn, payment.currency(), payment.amount().setScale(2), payment.method().name(),
                        card ? sealed.json(invoice.subjectId(), CARD, id, new CardReference(payment.cardToken(), payment.cardLastFour())) : null,
                        card ? paidOn.plus(CARD_KEPT) : null, inputs.now())
                .update();
        if (payment.amount().compareTo(due) == 0) {
            jdbc.sql("UPDATE invoice SET status = ?, paid_on = ? WHERE id = ?").params(Invoice.Status.PAID.name(), paidOn, invoiceId).update();
            events.publishEvent(new InvoicePaid(invoiceId, invoice.subjectId(), paidOn));
        }
        return jdbc.sql(PAYMENT + " WHERE id = ?").param(id).query(this::payment).single();
    }

    @Override
    @Transactional
    public Invoice markUnpaid(Actor actor, UUID invoiceId) {
        Invoice invoice = lockAndLoad(invoiceId);
        checks.require(actor, "unpaid-litigation", Action.WRITE, Set.of("billing"), invoice.subjectId());
        LocalDate today = inputs.today();
        if (invoice.status() == Invoice.Status.PAID) {
            throw new InvalidInputException("id", "the invoice is paid");
        }
        if (invoice.status() == Invoice.Status.UNPAID) {
            throw new InvalidInputException("id", "the invoice is already marked unpaid");
        }
        if (!invoice.dueOn().isBefore(today)) {
            throw new InvalidInputException("dueOn", "the invoice is not yet past its due date");
        }
        jdbc.sql("UPDATE invoice SET status = ?, unpaid_since = ? WHERE id = ?").params(Invoice.Status.UNPAID.name(), today, invoiceId).update();
        events.publishEvent(new InvoiceUnpaid(invoiceId, invoice.subjectId(), invoice.dueOn()));
        return load(invoiceId);
    }

    @Override
    public Invoice find(Actor actor, String purpose, UUID invoiceId) {
        Invoice invoice = load(invoiceId);
        checks.requireRead(actor, purpose, Set.of("billing"), invoice.subjectId());
        return invoice;
    }

    @Override
    public List<Invoice> ofSubject(Actor actor, String purpose, UUID subjectId) {
        checks.subjectExists(subjectId);
        checks.requireRead(actor, purpose, Set.of("billing"), subjectId);
        // Two queries whatever the number of invoices: the invoices, then all their payments.
        Map<UUID, List<Payment>> payments = new HashMap<>();
        var key = sealed.keyOf(subjectId); // read once for all their card references
        jdbc.sql(PAYMENT + " WHERE invoice_id IN (SELECT id FROM invoice WHERE subject_id = ?) ORDER BY paid_on, id").param(subjectId)
                .query((rs, n) -> payment(rs, key)).list().forEach(p -> payments.computeIfAbsent(p.invoiceId(), k -> new ArrayList<>()).add(p));
        return jdbc.sql(INVOICE + " WHERE subject_id = ? ORDER BY issued_on, number").param(subjectId)
                .query((rs, n) -> invoice(rs, payments.getOrDefault(rs.getObject("id", UUID.class), new ArrayList<>()))).list();
    }

    private Invoice lockAndLoad(UUID id) {
        jdbc.sql("SELECT id FROM invoice WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional()
                .orElseThrow(() -> new UnknownRecordException("id", "no such invoice"));
        return load(id);
    }

    private Invoice load(UUID id) {
        List<Payment> payments = jdbc.sql(PAYMENT + " WHERE invoice_id = ? ORDER BY paid_on, id").param(id).query(this::payment).list();
        return jdbc.sql(INVOICE + " WHERE id = ?").param(id).query((rs, n) -> invoice(rs, payments))
                .optional().orElseThrow(() -> new UnknownRecordException("id", "no such invoice"));
    }

    private static final String INVOICE = """
            SELECT id, subject_id, number, issued_on, due_on, currency, amount, status, unpaid_since, paid_on, order_id, subscription_id
            FROM invoice""";

    private static Invoice invoice(ResultSet rs, List<Payment> payments) throws SQLException {
        BigDecimal paid = payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return new Invoice(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class), rs.getString("number"),
                rs.getObject("issued_on", LocalDate.class), rs.getObject("due_on", LocalDate.class), rs.getString("currency").strip(),
                rs.getBigDecimal("amount"), paid, Invoice.Status.valueOf(rs.getString("status")),
                rs.getObject("unpaid_since", LocalDate.class), rs.getObject("paid_on", LocalDate.class),
                rs.getObject("order_id", UUID.class), rs.getObject("subscription_id", UUID.class), new ArrayList<>(payments));
    }

    private static final String PAYMENT = "SELECT id, invoice_id, subject_id, paid_on, currency, amount, method, card, card_kept_until FROM payment";

    private Payment payment(ResultSet rs, int n) throws SQLException {
        return payment(rs, sealed.keyOf(rs.getObject("subject_id", UUID.class)));
    }

    private Payment payment(ResultSet rs, Vault.SubjectKey key) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        if (!key.subjectId().equals(rs.getObject("subject_id", UUID.class))) {
            throw new IllegalStateException("a payment of another person");
        }
        byte @Nullable [] card = rs.getBytes("card");
        String lastFour = card == null ? null : sealed.openJson(key, CARD, id, card, CardReference.class).lastFour();
        return new Payment(id, rs.getObject("invoice_id", UUID.class), rs.getObject("paid_on", LocalDate.class), rs.getString("currency").strip(),
                rs.getBigDecimal("amount"), Payment.Method.valueOf(rs.getString("method")), lastFour, rs.getObject("card_kept_until", LocalDate.class));
    }
}
