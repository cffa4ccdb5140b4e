package org.charte.commerce.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.charte.commerce.CommerceRetention;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The commerce side of a retention run: a few set-based statements per batch of people, children
 * before parents, in the caller's transaction.
 */
@Service
class JdbcCommerceRetention implements CommerceRetention {

    private final JdbcClient jdbc;

    JdbcCommerceRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ArchivableRecord> archivableRecords(Collection<UUID> subjectIds) {
        List<ArchivableRecord> records = new ArrayList<>();
        if (subjectIds.isEmpty()) {
            return records;
        }
        List<UUID> ids = List.copyOf(subjectIds);
        records.addAll(jdbc.sql("SELECT id, subject_id, issued_on, order_id, subscription_id FROM invoice WHERE subject_id IN (:ids) ORDER BY id")
                .param("ids", ids)
                .query((rs, n) -> new ArchivableRecord("invoice", rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class), rs.getObject(3, LocalDate.class),
                        links(rs.getObject(4, UUID.class), rs.getObject(5, UUID.class)))).list());
        records.addAll(jdbc.sql("SELECT id, subject_id, paid_on, invoice_id FROM payment WHERE invoice_id IN (SELECT id FROM invoice WHERE subject_id IN (:ids)) ORDER BY id")
                .param("ids", ids)
                .query((rs, n) -> new ArchivableRecord("payment", rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class), rs.getObject(3, LocalDate.class), links(rs.getObject(4, UUID.class), null))).list());
        records.addAll(jdbc.sql("SELECT id, subject_id, subscribed_on, COALESCE(terminated_on, ends_on, starts_on) FROM subscription WHERE subject_id IN (:ids) ORDER BY id")
                .param("ids", ids)
                .query((rs, n) -> new ArchivableRecord("subscription", rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), List.of())).list());
        records.addAll(jdbc.sql("SELECT id, subject_id, ordered_on FROM customer_order WHERE subject_id IN (:ids) ORDER BY id").param("ids", ids)
                .query((rs, n) -> new ArchivableRecord("order", rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class), rs.getObject(3, LocalDate.class), List.of())).list());
        return records;
    }

    private static List<UUID> links(@Nullable UUID first, @Nullable UUID second) {
        List<UUID> links = new ArrayList<>(2);
        if (first != null) {
            links.add(first);
        }
        if (second != null) {
            links.add(second);
        }
        return List.copyOf(links);
    }

    @Override
    public Map<UUID, Map<String, Object>> snapshots(String type, Collection<UUID> ids) {
        Map<UUID, Map<String, Object>> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<UUID> list = List.copyOf(ids);
        String sql = switch (type) {
            case "invoice" -> "SELECT id, number, issued_on, due_on, currency, amount, status, unpaid_since, paid_on, order_id, subscription_id FROM invoice WHERE id IN (:ids)";
            case "payment" -> "SELECT id, invoice_id, paid_on, currency, amount, method FROM payment WHERE id IN (:ids)";
            case "subscription" -> "SELECT id, plan_code, subscribed_on, starts_on, ends_on, terminated_on FROM subscription WHERE id IN (:ids)";
            case "order" -> "SELECT id, ordered_on, currency, total_amount FROM customer_order WHERE id IN (:ids)";
            default -> throw new IllegalArgumentException("not a record type of commerce: " + type);
        };
        for (Map<String, Object> row : jdbc.sql(sql).param("ids", list).query().listOfRows()) {
            Map<String, Object> values = new LinkedHashMap<>();
            row.forEach((column, value) -> values.put(column.toLowerCase(Locale.ROOT), plain(value)));
            UUID id = UUID.fromString(String.valueOf(values.get("id")));
            if (type.equals("order")) {
                values.put("lines", jdbc.sql("SELECT line_no, product_code, quantity, unit_price, amount FROM order_line WHERE order_id = ? ORDER BY line_no")
                        .param(id).query().listOfRows().stream().map(line -> {
                            Map<String, Object> l = new LinkedHashMap<>();
                            line.forEach((k, v) -> l.put(k.toLowerCase(Locale.ROOT), plain(v)));
                            return l;
                        }).toList());
            }
            found.put(id, values);
        }
        return found;
    }

    /** Values as JSON writes them plainly: dates and ids as text, amounts as decimals, codes trimmed. */
    private static @Nullable Object plain(@Nullable Object value) {
        if (value == null || value instanceof BigDecimal || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        return value.toString().strip();
    }

    @Override
    public Map<String, Integer> erase(Collection<UUID> subjectIds, Set<UUID> keptInvoices) {
        Map<String, Integer> erased = new LinkedHashMap<>();
        if (subjectIds.isEmpty()) {
            return erased;
        }
        List<UUID> ids = List.copyOf(subjectIds);
        Set<UUID> keptOrders = new LinkedHashSet<>();
        Set<UUID> keptSubscriptions = new LinkedHashSet<>();
        if (!keptInvoices.isEmpty()) {
            jdbc.sql("SELECT order_id, subscription_id FROM invoice WHERE id IN (:kept)").param("kept", List.copyOf(keptInvoices))
                    .query((rs, n) -> {
                        UUID order = rs.getObject(1, UUID.class);
                        UUID subscription = rs.getObject(2, UUID.class);
                        if (order != null) {
                            keptOrders.add(order);
                        }
                        if (subscription != null) {
                            keptSubscriptions.add(subscription);
                        }
                        return 0;
                    }).list();
        }
        String invoices = "SELECT id FROM invoice WHERE subject_id IN (:ids)" + except("id", "kept", keptInvoices);
        String orders = "SELECT id FROM customer_order WHERE subject_id IN (:ids)" + except("id", "keptOrders", keptOrders);
        erased.put("litigation", 0);
        delete("DELETE FROM litigation_invoice WHERE litigation_id IN (SELECT id FROM litigation WHERE subject_id IN (:ids))", ids, keptInvoices, keptOrders, keptSubscriptions);
        erased.put("litigation", delete("DELETE FROM litigation WHERE subject_id IN (:ids)", ids, keptInvoices, keptOrders, keptSubscriptions));
        erased.put("payment", delete("DELETE FROM payment WHERE invoice_id IN (" + invoices + ")", ids, keptInvoices, keptOrders, keptSubscriptions));
        erased.put("invoice", delete("DELETE FROM invoice WHERE subject_id IN (:ids)" + except("id", "kept", keptInvoices), ids, keptInvoices, keptOrders,
                keptSubscriptions));
        erased.put("delivery", delete("DELETE FROM delivery WHERE order_id IN (" + orders + ")", ids, keptInvoices, keptOrders, keptSubscriptions));
        delete("DELETE FROM order_line WHERE order_id IN (" + orders + ")", ids, keptInvoices, keptOrders, keptSubscriptions);
        erased.put("order", delete("DELETE FROM customer_order WHERE subject_id IN (:ids)" + except("id", "keptOrders", keptOrders), ids, keptInvoices,
                keptOrders, keptSubscriptions));
        erased.put("subscription", delete("DELETE FROM subscription WHERE subject_id IN (:ids)" + except("id", "keptSubscriptions", keptSubscriptions),
                ids, keptInvoices, keptOrders, keptSubscriptions));
        erased.put("client-account", delete("DELETE FROM client_account WHERE subject_id IN (:ids)", ids, keptInvoices, keptOrders, keptSubscriptions));
        return erased;
    }

    private static String except(String column, String name, Set<UUID> kept) {
        return kept.isEmpty() ? "" : " AND " + column + " NOT IN (:" + name + ")";
    }

    private int delete(String sql, List<UUID> ids, Set<UUID> kept, Set<UUID> keptOrders, Set<UUID> keptSubscriptions) {
        var statement = jdbc.sql(sql).param("ids", ids);
        if (sql.contains(":kept)")) {
            statement = statement.param("kept", List.copyOf(kept));
        }
        if (sql.contains(":keptOrders)")) {
            statement = statement.param("keptOrders", List.copyOf(keptOrders));
        }
        if (sql.contains(":keptSubscriptions)")) {
            statement = statement.param("keptSubscriptions", List.copyOf(keptSubscriptions));
        }
        return statement.update();
    }

    @Override
    public Optional<UUID> invoiceOwner(UUID invoiceId) {
        return jdbc.sql("SELECT subject_id FROM invoice WHERE id = ?").param(invoiceId).query(UUID.class).optional();
    }

    @Override
    public List<UUID> dueCardReferences(LocalDate cutoff, @Nullable UUID after, int limit) {
        return jdbc.sql("SELECT id FROM payment WHERE card IS NOT NULL AND paid_on < :cutoff" + (after == null ? "" : " AND id > :after")
                        + " ORDER BY id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .param("cutoff", cutoff).param("after", after).query(UUID.class).list();
    }

    @Override
    public long countDueCardReferences(LocalDate cutoff) {
        return jdbc.sql("SELECT COUNT(*) FROM payment WHERE card IS NOT NULL AND paid_on < ?").param(cutoff).query(Long.class).single();
    }

    @Override
    public List<CardReference> lockCardReferences(Collection<UUID> paymentIds) {
        if (paymentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, invoice_id, subject_id, paid_on FROM payment WHERE id IN (:ids) AND card IS NOT NULL ORDER BY id FOR UPDATE")
                .param("ids", List.copyOf(paymentIds))
                .query((rs, n) -> new CardReference(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, LocalDate.class)))
                .list();
    }

    @Override
    public int eraseCardReferences(Collection<UUID> paymentIds) {
        return paymentIds.isEmpty() ? 0
                : jdbc.sql("UPDATE payment SET card = NULL WHERE id IN (:ids) AND card IS NOT NULL").param("ids", List.copyOf(paymentIds)).update();
    }
}
