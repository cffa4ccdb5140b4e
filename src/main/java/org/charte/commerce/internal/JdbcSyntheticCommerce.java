package org.charte.commerce.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.charte.commerce.Invoice;
import org.charte.commerce.Payment;
import org.charte.commerce.SyntheticCommerce;
import org.charte.common.Ids;
import org.charte.common.SyntheticData;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** The same tables and the same sealing as the ordinary paths, written in batches. */
@Service
class JdbcSyntheticCommerce implements SyntheticCommerce {

    static final List<Plans.Plan> PLANS = Plans.ALL;
    record Product(String code, BigDecimal price) {}

    static final List<Product> PRODUCTS = List.of(new Product("FORMATION-1J", new BigDecimal("450.00")),
            new Product("MIGRATION-DONNEES", new BigDecimal("300.00")), new Product("LICENCE-POSTE", new BigDecimal("120.00")),
            new Product("ASSISTANCE-PACK-5H", new BigDecimal("350.00")));
    static final List<Payment.Method> METHODS = List.of(Payment.Method.CARD, Payment.Method.CARD, Payment.Method.DIRECT_DEBIT,
            Payment.Method.TRANSFER, Payment.Method.CHEQUE);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate batch;
    private final Vault vault;
    private final PasswordEncoder passwords;
    private final Ids ids;
    private final Clock clock;
    private final boolean enabled;
    private volatile @Nullable String sharedHash;

    JdbcSyntheticCommerce(JdbcTemplate batch, Vault vault, PasswordEncoder passwords, Ids ids, Clock clock,
            @Value("${" + SyntheticData.PROPERTY + ":false}") boolean enabled) {
        this.batch = batch;
        this.vault = vault;
        this.passwords = passwords;
        this.ids = ids;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public Written generate(Random random, List<Client> clients) {
        SyntheticData.require(enabled, "SyntheticCommerce.generate");
        LocalDate today = LocalDate.now(clock);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        String hash = hash();
        List<Object[]> accounts = new ArrayList<>();
        List<Object[]> subscriptions = new ArrayList<>();
        List<Object[]> orders = new ArrayList<>();
        List<Object[]> lines = new ArrayList<>();
        List<Object[]> invoices = new ArrayList<>();
        List<Object[]> payments = new ArrayList<>();
        record Bill(UUID subjectId, Vault.SubjectKey key, LocalDate issuedOn, BigDecimal amount, @Nullable UUID orderId,
                @Nullable UUID subscriptionId) {}
        List<Bill> bills = new ArrayList<>();
        for (Client client : clients) {
            UUID subjectId = client.subjectId();
            Vault.SubjectKey key = client.key();
            String accessCode = "gc-" + Long.toString(subjectId.getLeastSignificantBits() & Long.MAX_VALUE, 36);
            accounts.add(new Object[] {subjectId, key.seal(Sealed.field(JdbcClientAccounts.ACCESS_CODE, subjectId), utf8(accessCode)),
                    vault.blindIndex("access-code", accessCode.toLowerCase(Locale.ROOT)), hash, now, now});
            LocalDate last = client.endedOn() == null ? today : client.endedOn();
            int contracts = 1 + (random.nextInt(4) == 0 ? 1 : 0);
            for (int c = 0; c < contracts; c++) {
                UUID id = ids.next();
                Plans.Plan plan = PLANS.get(c == 0 ? random.nextInt(2) : 2);
                LocalDate starts = c == 0 ? client.since() : between(random, client.since(), last);
                LocalDate ends = client.endedOn() != null ? client.endedOn() : random.nextInt(3) == 0 ? starts.plusYears(3) : null;
                LocalDate terminated = client.endedOn() != null && random.nextBoolean() ? client.endedOn().minusDays(random.nextInt(60)) : null;
                if (terminated != null && terminated.isBefore(starts)) {
                    terminated = starts;
                }
                subscriptions.add(new Object[] {id, subjectId, plan.code(), starts, starts, ends, terminated, now});
                bills.add(new Bill(subjectId, key, starts, plan.yearly(), null, id));
            }
            int orderCount = random.nextInt(4);
            for (int o = 0; o < orderCount; o++) {
                UUID id = ids.next();
                LocalDate on = between(random, client.since(), min(last, client.lastContactOn()));
                Product product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
                int quantity = 1 + random.nextInt(3);
                BigDecimal amount = product.price().multiply(BigDecimal.valueOf(quantity));
                orders.add(new Object[] {id, subjectId, on, "EUR", amount, now});
                lines.add(new Object[] {id, 1, product.code(), quantity, product.price(), amount});
                bills.add(new Bill(subjectId, key, on, amount, id, null));
            }
        }
        long first = reserveNumbers(bills.size());
        for (int i = 0; i < bills.size(); i++) {
            Bill bill = bills.get(i);
            UUID id = ids.next();
            LocalDate due = bill.issuedOn().plusDays(30);
            boolean unpaid = random.nextInt(40) == 0 && due.isBefore(today);
            boolean paid = !unpaid && (due.isBefore(today.plusDays(1)) || random.nextInt(3) > 0);
            LocalDate paidOn = paid ? min(bill.issuedOn().plusDays(random.nextInt(30)), today) : null;
            invoices.add(new Object[] {id, bill.subjectId(), "F-%d-%06d".formatted(bill.issuedOn().getYear(), first + i), bill.issuedOn(), due,
                    "EUR", bill.amount(), unpaid ? Invoice.Status.UNPAID.name() : paid ? Invoice.Status.PAID.name() : Invoice.Status.ISSUED.name(),
                    bill.orderId(), bill.subscriptionId(), unpaid ? due.plusDays(1) : null, paidOn, now});
            if (paid) {
                UUID paymentId = ids.next();
                Payment.Method method = METHODS.get(random.nextInt(METHODS.size()));
                boolean card = method == Payment.Method.CARD;
                LocalDate keptUntil = card ? paidOn.plus(JdbcInvoices.CARD_KEPT) : null;
                byte[] sealedCard = card && !keptUntil.isBefore(today)
                        ? bill.key().seal(Sealed.field(JdbcInvoices.CARD, paymentId), JSON.writeValueAsBytes(new JdbcInvoices.CardReference(
                                "tok_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36), String.format(Locale.ROOT, "%04d", random.nextInt(10_000)))))
                        : null;
                payments.add(new Object[] {paymentId, id, bill.subjectId(), paidOn, "EUR", bill.amount(), method.name(), sealedCard,
                        sealedCard == null ? null : keptUntil, now});
            }
        }
        batch.batchUpdate("""
                INSERT INTO client_account (subject_id, access_code, access_code_index, password_hash, created_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?)""", accounts);
        batch.batchUpdate("""
                INSERT INTO subscription (id, subject_id, plan_code, subscribed_on, starts_on, ends_on, terminated_on, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", subscriptions);
        batch.batchUpdate("INSERT INTO customer_order (id, subject_id, ordered_on, currency, total_amount, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                orders);
        batch.batchUpdate("INSERT INTO order_line (order_id, line_no, product_code, quantity, unit_price, amount) VALUES (?, ?, ?, ?, ?, ?)",
                lines);
        batch.batchUpdate("""
                INSERT INTO invoice (id, subject_id, number, issued_on, due_on, currency, amount, status, order_id, subscription_id,
                                     unpaid_since, paid_on, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", invoices);
        batch.batchUpdate("""
                INSERT INTO payment (id, invoice_id, subject_id, paid_on, currency, amount, method, card, card_kept_until, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", payments);
        return new Written(accounts.size(), subscriptions.size(), orders.size(), invoices.size(), payments.size());
    }

    /** Takes a block of invoice numbers from the gapless counter, in the caller's transaction; the first one. */
    private long reserveNumbers(int count) {
        batch.update("UPDATE invoice_counter SET last_value = last_value + ? WHERE name = 'invoice'", count);
        Long last = batch.queryForObject("SELECT last_value FROM invoice_counter WHERE name = 'invoice'", Long.class);
        return last - count + 1;
    }

    /** One Argon2id hash of a random password, shared by every synthetic account: nobody knows the password. */
    private String hash() {
        String hash = sharedHash;
        if (hash == null) {
            hash = passwords.encode("synthetic " + UUID.randomUUID() + UUID.randomUUID());
            sharedHash = hash;
        }
        return hash;
    }

    private static LocalDate between(Random random, LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return days <= 0 ? from : from.plusDays(random.nextLong(days + 1));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
