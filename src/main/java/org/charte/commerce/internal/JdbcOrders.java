package org.charte.commerce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.commerce.Delivery;
import org.charte.commerce.DeliveryAddress;
import org.charte.commerce.Order;
import org.charte.commerce.Orders;
import org.charte.commerce.UnknownRecordException;
import org.charte.common.Ids;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.subjects.Subjects;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcOrders implements Orders {

    static final BigDecimal MAX_TOTAL = new BigDecimal("999999999999.99");
    private static final String ADDRESS = "delivery.address";
    private static final String TRACKING = "delivery.tracking-number";

    private final JdbcClient jdbc;
    private final Checks checks;
    private final InputChecks inputs;
    private final Sealed sealed;
    private final Subjects subjects;
    private final Ids ids;

    JdbcOrders(JdbcClient jdbc, Checks checks, InputChecks inputs, Sealed sealed, Subjects subjects, Ids ids) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.inputs = inputs;
        this.sealed = sealed;
        this.subjects = subjects;
        this.ids = ids;
    }

    @Override
    @Transactional
    public Order place(Actor actor, UUID subjectId, NewOrder order) {
        List<FieldError> errors = inputs.violations(order);
        LocalDate today = inputs.today();
        BigDecimal total = BigDecimal.ZERO;
        if (errors.isEmpty()) {
            InputChecks.notInFuture(errors, "orderedOn", order.orderedOn(), today);
            for (NewLine line : order.lines()) {
                total = total.add(amount(line));
            }
            if (total.compareTo(MAX_TOTAL) > 0) {
                errors.add(new FieldError("lines", "the order's total is too large"));
            }
        }
        InputChecks.throwIfAny(errors);
        checks.subjectExists(subjectId);
        checks.require(actor, "orders", Action.CREATE, Set.of("orders"), subjectId);
        UUID id = ids.next();
        LocalDate orderedOn = order.orderedOn() == null ? today : order.orderedOn();
        jdbc.sql("INSERT INTO customer_order (id, subject_id, ordered_on, currency, total_amount, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, subjectId, orderedOn, order.currency(), total, inputs.now()).update();
        int lineNo = 0;
        for (NewLine line : order.lines()) {
            jdbc.sql("INSERT INTO order_line (order_id, line_no, product_code, quantity, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id, ++lineNo, line.productCode(), line.quantity(), line.unitPrice().setScale(2), amount(line)).update();
        }
        subjects.recordContact(subjectId, orderedOn); // an order is an inbound contact
        return load(id);
    }

    private static BigDecimal amount(NewLine line) {
        return line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())).setScale(2, RoundingMode.UNNECESSARY);
    }

    @Override
    public List<Order> ofSubject(Actor actor, String purpose, UUID subjectId) {
        checks.subjectExists(subjectId);
        checks.requireRead(actor, purpose, Set.of("orders"), subjectId);
        // Two queries whatever the number of orders: the orders, then all their lines.
        Map<UUID, List<Order.Line>> lines = new HashMap<>();
        jdbc.sql("""
                SELECT l.order_id, l.line_no, l.product_code, l.quantity, l.unit_price, l.amount FROM order_line l
                JOIN customer_order o ON o.id = l.order_id WHERE o.subject_id = ? ORDER BY l.order_id, l.line_no""").param(subjectId)
                .query((rs, n) -> Map.entry(rs.getObject("order_id", UUID.class), new Order.Line(rs.getInt("line_no"), rs.getString("product_code"),
                        rs.getInt("quantity"), rs.getBigDecimal("unit_price"), rs.getBigDecimal("amount"))))
                .list().forEach(e -> lines.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return jdbc.sql("SELECT id, subject_id, ordered_on, currency, total_amount FROM customer_order WHERE subject_id = ? ORDER BY ordered_on, id")
                .param(subjectId).query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Order(id, rs.getObject("subject_id", UUID.class), rs.getObject("ordered_on", LocalDate.class),
                            rs.getString("currency").strip(), rs.getBigDecimal("total_amount"), lines.getOrDefault(id, new ArrayList<>()));
                }).list();
    }

    @Override
    public List<Delivery> deliveriesOfSubject(Actor actor, String purpose, UUID subjectId) {
        checks.subjectExists(subjectId);
        checks.requireRead(actor, purpose, Set.of("orders", "contact"), subjectId);
        return jdbc.sql("""
                SELECT d.id, d.order_id, d.subject_id, d.address, d.carrier, d.tracking_number, d.status, d.updated_at FROM delivery d
                JOIN customer_order o ON o.id = d.order_id WHERE o.subject_id = ? ORDER BY d.created_at, d.id""")
                .param(subjectId).query(deliveries(sealed.keyOf(subjectId))).list(); // the person's key read once for all
    }

    @Override
    public Order find(Actor actor, String purpose, UUID orderId) {
        Order order = load(orderId);
        checks.requireRead(actor, purpose, Set.of("orders"), order.subjectId());
        return order;
    }

    @Override
    @Transactional
    public Delivery deliver(Actor actor, UUID orderId, NewDelivery delivery) {
        List<FieldError> errors = inputs.violations(delivery);
        if (errors.isEmpty() && "FR".equals(delivery.address().country()) && !delivery.address().postalCode().matches("[0-9]{5}")) {
            errors.add(new FieldError("address.postalCode", "must be five digits in France"));
        }
        InputChecks.throwIfAny(errors);
        Order order = load(orderId);
        checks.require(actor, "deliveries", Action.CREATE, Set.of("orders", "contact"), order.subjectId());
        UUID id = ids.next();
        OffsetDateTime now = inputs.now();
        jdbc.sql("""
                INSERT INTO delivery (id, order_id, subject_id, address, carrier, tracking_number, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, orderId, order.subjectId(), sealed.json(order.subjectId(), ADDRESS, id, delivery.address()),
                        delivery.carrier(), tracking(order.subjectId(), id, delivery.trackingNumber()),
                        (delivery.trackingNumber() == null ? Delivery.Status.PREPARING : Delivery.Status.SHIPPED).name(), now, now)
                .update();
        return loadDelivery(id);
    }

    @Override
    @Transactional
    public Delivery track(Actor actor, UUID deliveryId, TrackingUpdate update) {
        InputChecks.throwIfAny(inputs.violations(update));
        UUID subjectId = jdbc.sql("SELECT subject_id FROM delivery WHERE id = ?").param(deliveryId).query(UUID.class).optional()
                .orElseThrow(() -> new UnknownRecordException("id", "no such delivery"));
        checks.require(actor, "deliveries", Action.WRITE, Set.of("orders"), subjectId);
        if (update.trackingNumber() != null) {
            jdbc.sql("UPDATE delivery SET tracking_number = ? WHERE id = ?")
                    .params(tracking(subjectId, deliveryId, update.trackingNumber()), deliveryId).update();
        }
        jdbc.sql("UPDATE delivery SET status = ?, updated_at = ? WHERE id = ?").params(update.status().name(), inputs.now(), deliveryId).update();
        return loadDelivery(deliveryId);
    }

    @Override
    public List<Delivery> deliveries(Actor actor, String purpose, UUID orderId) {
        Order order = load(orderId);
        checks.requireRead(actor, purpose, Set.of("orders", "contact"), order.subjectId());
        return jdbc.sql(DELIVERY + " WHERE order_id = ? ORDER BY created_at, id").param(orderId).query(this::delivery).list();
    }

    private byte @Nullable [] tracking(UUID subjectId, UUID deliveryId, @Nullable String trackingNumber) {
        return trackingNumber == null ? null : sealed.text(subjectId, TRACKING, deliveryId, trackingNumber.strip());
    }

    private Order load(UUID id) {
        Order order = jdbc.sql("SELECT id, subject_id, ordered_on, currency, total_amount FROM customer_order WHERE id = ?").param(id)
                .query((rs, n) -> new Order(rs.getObject("id", UUID.class), rs.getObject("subject_id", UUID.class),
                        rs.getObject("ordered_on", LocalDate.class), rs.getString("currency").strip(), rs.getBigDecimal("total_amount"),
                        List.of()))
                .optional().orElseThrow(() -> new UnknownRecordException("id", "no such order"));
        List<Order.Line> lines = jdbc.sql("SELECT line_no, product_code, quantity, unit_price, amount FROM order_line WHERE order_id = ? ORDER BY line_no")
                .param(id).query((rs, n) -> new Order.Line(rs.getInt("line_no"), rs.getString("product_code"), rs.getInt("quantity"),
                        rs.getBigDecimal("unit_price"), rs.getBigDecimal("amount")))
                .list();
        return new Order(order.id(), order.subjectId(), order.orderedOn(), order.currency(), order.total(), new ArrayList<>(lines));
    }

    private static final String DELIVERY = "SELECT id, order_id, subject_id, address, carrier, tracking_number, status, updated_at FROM delivery";

    private Delivery loadDelivery(UUID id) {
        return jdbc.sql(DELIVERY + " WHERE id = ?").param(id).query(this::delivery).optional()
                .orElseThrow(() -> new UnknownRecordException("id", "no such delivery"));
    }

    private Delivery delivery(ResultSet rs, int n) throws SQLException {
        return delivery(rs, sealed.keyOf(rs.getObject("subject_id", UUID.class)));
    }

    /** Deliveries of one person, opened with one key. */
    private RowMapper<Delivery> deliveries(Vault.SubjectKey key) {
        return (rs, n) -> delivery(rs, key);
    }

    private Delivery delivery(ResultSet rs, Vault.SubjectKey key) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID subjectId = rs.getObject("subject_id", UUID.class);
        if (!subjectId.equals(key.subjectId())) {
            throw new IllegalStateException("a delivery of another person");
        }
        return new Delivery(id, rs.getObject("order_id", UUID.class), subjectId,
                sealed.openJson(key, ADDRESS, id, rs.getBytes("address"), DeliveryAddress.class), rs.getString("carrier"),
                sealed.openText(key, TRACKING, id, rs.getBytes("tracking_number")), Delivery.Status.valueOf(rs.getString("status")),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
