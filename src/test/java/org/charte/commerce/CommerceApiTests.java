package org.charte.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessWords;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.RecordedEvents;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.charte.vault.Vault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@CharteIntegrationTest
@Import(RecordedEvents.class)
class CommerceApiTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Commitments commitments;

    @Autowired
    Grants grants;

    @Autowired
    Subjects subjects;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    Vault vault;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    ClientAccounts accounts;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    Invoices invoices;

    @Autowired
    RecordedEvents events;

    @Autowired
    CommerceRetention cardRetention;

    @Autowired
    AccessWords words;

    Relationship world;
    Staff adv;
    UUID client;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        adv = world.staff("adv");
        client = world.adultProspect();
    }

    static String json(Object value) {
        return Json.write(value);
    }

    HttpResponse<String> post(Staff staff, String path, Object body) {
        return staff.http().json("POST", path, json(body));
    }

    HttpResponse<String> get(Staff staff, String path) {
        return staff.http().get(path, "Accept", "application/json");
    }

    static List<String> fields(HttpResponse<String> problem) {
        return Json.of(problem).path("errors").findValuesAsString("field");
    }

    @Test
    @DisplayName("R3.2 R4.1 a subscription, an order and its delivery, an invoice and its payments round-trip through the API, each written and read under a grant for its purpose")
    void roundTrips() {
        world.grant(adv, "subscription-contract", Set.of("subscriptions", "identity"), client);
        HttpResponse<String> subscribed = post(adv, "/api/v1/subjects/" + client + "/subscriptions", Map.of("planCode", "GESTAN-CLOUD-PRO"));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        String subscriptionId = Json.of(subscribed).path("id").asString();
        assertThat(Json.of(subscribed).path("status").asString()).isEqualTo("RUNNING");
        assertThat(Json.of(subscribed).path("startsOn").asString()).isEqualTo(world.today().toString());

        String subscriptionsPath = "/api/v1/subjects/" + client + "/subscriptions?purpose=subscription-contract";
        assertThat(get(world.staff("adv"), subscriptionsPath).statusCode()).as("a colleague without a grant").isEqualTo(403);
        HttpResponse<String> listed = get(adv, subscriptionsPath);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(Json.of(listed).findValuesAsString("planCode")).containsExactly("GESTAN-CLOUD-PRO");
        assertThat(get(adv, "/api/v1/subscriptions/" + subscriptionId + "?purpose=subscription-contract").statusCode()).isEqualTo(200);

        world.grant(adv, "orders", Set.of("orders"), client);
        HttpResponse<String> ordered = post(adv, "/api/v1/subjects/" + client + "/orders", Map.of("currency", "EUR", "lines", List.of(
                Map.of("productCode", "FORMATION-GESTAN", "quantity", 2, "unitPrice", "150.00"),
                Map.of("productCode", "MIGRATION", "quantity", 1, "unitPrice", 99.9))));
        assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(201);
        JsonNode order = Json.of(ordered);
        assertThat(order.path("total").decimalValue()).isEqualByComparingTo("399.90");
        assertThat(order.path("lines").get(1).path("amount").decimalValue()).isEqualByComparingTo("99.90");
        String orderId = order.path("id").asString();

        HttpResponse<String> undelivered = post(adv, "/api/v1/orders/" + orderId + "/deliveries", Map.of("carrier", "colissimo",
                "address", Map.of("recipient", "Camille Testeuse", "line1", "12 rue des Essais", "postalCode", "69003", "city", "Lyon",
                        "country", "FR")));
        assertThat(undelivered.statusCode()).as("a delivery is its own purpose: a grant for it is needed").isEqualTo(403);
        world.grant(adv, "deliveries", Set.of("orders", "contact"), client);
        HttpResponse<String> delivered = post(adv, "/api/v1/orders/" + orderId + "/deliveries", Map.of("carrier", "colissimo",
                "address", Map.of("recipient", "Camille Testeuse", "line1", "12 rue des Essais", "postalCode", "69003", "city", "Lyon",
                        "country", "FR")));
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(201);
        String deliveryId = Json.of(delivered).path("id").asString();
        assertThat(Json.of(delivered).path("status").asString()).isEqualTo("PREPARING");

        assertThat(Json.of(get(adv, "/api/v1/orders/" + orderId + "?purpose=orders")).path("lines").size()).isEqualTo(2);
        assertThat(Json.of(get(adv, "/api/v1/subjects/" + client + "/orders?purpose=orders")).size()).isEqualTo(1);

        HttpResponse<String> tracking = adv.http().json("PUT", "/api/v1/deliveries/" + deliveryId + "/tracking",
                json(Map.of("status", "SHIPPED", "trackingNumber", "6A12345678901")));
        assertThat(tracking.statusCode()).as(tracking.body()).isEqualTo(200);
        JsonNode delivery = Json.of(get(adv, "/api/v1/orders/" + orderId + "/deliveries?purpose=deliveries")).get(0);
        assertThat(delivery.path("status").asString()).isEqualTo("SHIPPED");
        assertThat(delivery.path("trackingNumber").asString()).isEqualTo("6A12345678901");
        assertThat(delivery.path("address").path("city").asString()).isEqualTo("Lyon");

        world.grant(adv, "billing", Set.of("billing"), client);
        HttpResponse<String> invoiced = post(adv, "/api/v1/subjects/" + client + "/invoices", Map.of("dueOn", world.today().plusDays(30).toString(),
                "amount", "399.90", "currency", "EUR", "orderId", orderId));
        assertThat(invoiced.statusCode()).as(invoiced.body()).isEqualTo(201);
        JsonNode invoice = Json.of(invoiced);
        assertThat(invoice.path("number").asString()).matches("F-\\d{4}-\\d{6}");
        assertThat(invoice.path("status").asString()).isEqualTo("ISSUED");
        String invoiceId = invoice.path("id").asString();

        HttpResponse<String> transfer = post(adv, "/api/v1/invoices/" + invoiceId + "/payments",
                Map.of("amount", "100.00", "currency", "EUR", "method", "TRANSFER"));
        assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(201);
        HttpResponse<String> card = post(adv, "/api/v1/invoices/" + invoiceId + "/payments",
                Map.of("amount", "299.90", "currency", "EUR", "method", "CARD", "cardToken", "tok_1PqRsT2eZvKYlo2C", "cardLastFour", "4242"));
        assertThat(card.statusCode()).as(card.body()).isEqualTo(201);
        assertThat(Json.of(card).path("cardLastFour").asString()).isEqualTo("4242");
        assertThat(Json.of(card).has("cardToken")).as("the token is never shown").isFalse();

        JsonNode paid = Json.of(get(adv, "/api/v1/invoices/" + invoiceId + "?purpose=billing"));
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(paid.path("paid").decimalValue()).isEqualByComparingTo("399.90");
        assertThat(paid.path("payments").size()).isEqualTo(2);
        assertThat(Json.of(get(adv, "/api/v1/subjects/" + client + "/invoices?purpose=billing")).size()).isEqualTo(1);
        events.await(InvoicePaid.class, e -> e.invoiceId().toString().equals(invoiceId) && e.subjectId().equals(client));

        HttpResponse<String> overpaid = post(adv, "/api/v1/invoices/" + invoiceId + "/payments",
                Map.of("amount", "1.00", "currency", "EUR", "method", "TRANSFER"));
        assertThat(overpaid.statusCode()).isEqualTo(400);
        assertThat(fields(overpaid)).containsExactly("invoiceId");
    }

    @Test
    @DisplayName("R3.2 the customer account's password is stored only as an Argon2id hash; the access code is sealed and found by blind index")
    void accountPassword() {
        String password = "correct horse battery staple";
        String accessCode = "CLI-" + UUID.randomUUID().toString().substring(0, 8);
        Staff support = world.staff("cloud-support");
        Map<String, String> body = Map.of("accessCode", accessCode, "password", password);

        HttpResponse<String> byAdv = post(adv, "/api/v1/subjects/" + client + "/account", body);
        assertThat(byAdv.statusCode()).as("ADV's role does not reach account credentials").isEqualTo(403);

        world.grant(support, "subscription-contract", Set.of("account-credentials"), client);
        HttpResponse<String> opened = post(support, "/api/v1/subjects/" + client + "/account", body);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(opened.body()).doesNotContain(password).doesNotContain("argon2");

        Map<String, Object> row = jdbc.sql("SELECT * FROM client_account WHERE subject_id = ?").param(client).query().singleRow();
        String hash = (String) row.get("password_hash");
        assertThat(hash).startsWith("$argon2id$");
        assertThat(passwords.matches(password, hash)).isTrue();
        for (Object value : row.values()) {
            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
            assertThat(text).doesNotContain(password).doesNotContainIgnoringCase(accessCode);
        }

        assertThat(accounts.authenticate(accessCode.toLowerCase(), password)).contains(client);
        assertThat(accounts.authenticate(accessCode, "wrong password here")).isEmpty();
        assertThat(accounts.authenticate("nobody-has-this", password)).isEmpty();

        UUID other = world.adultProspect();
        world.grant(support, "subscription-contract", Set.of("account-credentials"), other);
        HttpResponse<String> again = post(support, "/api/v1/subjects/" + other + "/account", body);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(fields(again)).containsExactly("accessCode");
        assertThat(again.body()).doesNotContain(accessCode);

        HttpResponse<String> weak = post(support, "/api/v1/subjects/" + client + "/account", Map.of("accessCode", "a", "password", "short"));
        assertThat(fields(weak)).containsExactlyInAnyOrder("accessCode", "password");

        JsonNode account = Json.of(get(support, "/api/v1/subjects/" + client + "/account?purpose=subscription-contract"));
        assertThat(account.path("accessCode").asString()).isEqualTo(accessCode);
        assertThat(account.has("password") || account.has("passwordHash")).isFalse();
    }

    @Test
    @DisplayName("R3.5 a subscription by someone under 18 that day, or of unknown age, is refused with a clear message and nothing is written")
    void minorRefused() {
        UUID minor = world.prospect(world.today().minusYears(18).plusDays(1));
        mayWriteSubscriptions(minor);
        HttpResponse<String> refused = post(adv, "/api/v1/subjects/" + minor + "/subscriptions", Map.of("planCode", "GESTAN-CLOUD-PRO"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode error = Json.of(refused).path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("subjectId");
        assertThat(error.path("message").asString()).contains("18 or older on the day of subscription");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM subscription WHERE subject_id = ?").param(minor).query(Long.class).single()).isZero();
        assertThat(subjects.status(minor)).contains(SubjectStatus.PROSPECT);

        UUID eighteenToday = world.prospect(world.today().minusYears(18));
        mayWriteSubscriptions(eighteenToday);
        assertThat(post(adv, "/api/v1/subjects/" + eighteenToday + "/subscriptions", Map.of("planCode", "GESTAN-CLOUD-PRO")).statusCode())
                .as("18 on the day of subscription").isEqualTo(201);

        UUID unknownAge = world.prospect(null);
        mayWriteSubscriptions(unknownAge);
        HttpResponse<String> unknown = post(adv, "/api/v1/subjects/" + unknownAge + "/subscriptions", Map.of("planCode", "GESTAN-CLOUD-PRO"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM subscription WHERE subject_id = ?").param(unknownAge).query(Long.class).single()).isZero();
    }

    /** ADV's grant to subscribe that person to a plan (the adult check reads their identity). */
    void mayWriteSubscriptions(UUID subject) {
        world.grant(adv, "subscription-contract", Set.of("subscriptions", "identity"), subject);
    }

    /** An invoice past its due date, issued by ADV under a billing grant on the person. */
    String unpaidInvoice(UUID subject, String amount) {
        world.grant(adv, "billing", Set.of("billing"), subject);
        HttpResponse<String> invoiced = post(adv, "/api/v1/subjects/" + subject + "/invoices", Map.of("issuedOn",
                world.today().minusDays(60).toString(), "dueOn", world.today().minusDays(30).toString(), "amount", amount, "currency", "EUR"));
        assertThat(invoiced.statusCode()).as(invoiced.body()).isEqualTo(201);
        return Json.of(invoiced).path("id").asString();
    }

    @Test
    @DisplayName("L7 a payment carrying a CVV, a card number or an expiry date is refused outright, nothing stored; only the token and last four digits are kept, sealed, and erased 13 months after the debit")
    void cardData() {
        String invoiceId = unpaidInvoice(client, "49.90");
        Map<String, Object> cvv = Map.of("amount", "49.90", "currency", "EUR", "method", "CARD", "cardToken", "tok_visa_abcdefgh",
                "cardLastFour", "4242", "cvv", "123");
        HttpResponse<String> refused = post(adv, "/api/v1/invoices/" + invoiceId + "/payments", cvv);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("cvv");
        assertThat(refused.body().replace(invoiceId, "")).doesNotContain("123");

        HttpResponse<String> number = post(adv, "/api/v1/invoices/" + invoiceId + "/payments", Map.of("amount", "49.90", "currency", "EUR",
                "method", "CARD", "card", Map.of("number", "4111111111111111", "CVC", "321", "expiryDate", "12/29")));
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(fields(number)).contains("card.CVC", "card.expiryDate", "card");
        assertThat(number.body().replace(invoiceId, "")).doesNotContain("4111111111111111").doesNotContain("321");

        HttpResponse<String> panAsToken = post(adv, "/api/v1/invoices/" + invoiceId + "/payments", Map.of("amount", "49.90", "currency", "EUR",
                "method", "CARD", "cardToken", "4111111111111111", "cardLastFour", "1111"));
        assertThat(fields(panAsToken)).containsExactly("cardToken");
        assertThat(panAsToken.body()).doesNotContain("4111111111111111");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE invoice_id = ?").param(UUID.fromString(invoiceId)).query(Long.class).single())
                .as("nothing stored").isZero();

        String token = "tok_1Nv0FGQ9RKHgCVdK";
        HttpResponse<String> paid = post(adv, "/api/v1/invoices/" + invoiceId + "/payments", Map.of("amount", "49.90", "currency", "EUR",
                "method", "CARD", "cardToken", token, "cardLastFour", "4242", "paidOn", world.today().toString()));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(Json.of(paid).path("cardKeptUntil").asString()).isEqualTo(world.today().plusMonths(13).toString());
        UUID paymentId = UUID.fromString(Json.of(paid).path("id").asString());

        byte[] sealed = jdbc.sql("SELECT card FROM payment WHERE id = ?").param(paymentId).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(token).doesNotContain("4242");
        String opened = new String(vault.open(client, "commerce.payment.card:" + paymentId, sealed), StandardCharsets.UTF_8);
        assertThat(new ObjectMapper().readTree(opened).propertyNames()).containsExactlyInAnyOrder("token", "lastFour");

        // L7: the retention run erases it 13 months after the debit (RetentionRunTests); here, the commerce side of that erasure.
        assertThat(cardRetention.dueCardReferences(world.today(), null, 10)).as("not due on the day of the debit").doesNotContain(paymentId);
        assertThat(cardRetention.eraseCardReferences(List.of(paymentId))).isOne();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE id = ? AND card IS NULL").param(paymentId).query(Long.class).single()).isOne();
        JsonNode payment = Json.of(get(adv, "/api/v1/invoices/" + invoiceId + "?purpose=billing")).path("payments").get(0);
        assertThat(payment.path("cardLastFour").isNull()).isTrue();
        assertThat(payment.path("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("49.90"));
    }

    LocalDate lastContact(UUID subject) {
        return jdbc.sql("SELECT last_contact_on FROM data_subject WHERE id = ?").param(subject).query(LocalDate.class).single();
    }

    @Test
    @DisplayName("R3.2 R5.3 lifecycle through commerce: a prospect becomes an active client at the first subscription, an inactive client when the last one is terminated; an order is a contact")
    void lifecycle() {
        assertThat(subjects.status(client)).contains(SubjectStatus.PROSPECT);
        assertThat(lastContact(client)).isBefore(world.today());
        world.grant(adv, "orders", Set.of("orders"), client);
        post(adv, "/api/v1/subjects/" + client + "/orders", Map.of("currency", "EUR",
                "lines", List.of(Map.of("productCode", "LIVRE-BLANC", "quantity", 1, "unitPrice", "0.00"))));
        assertThat(lastContact(client)).as("an order is an inbound contact").isEqualTo(world.today());
        assertThat(subjects.status(client)).as("an order alone does not make a client").contains(SubjectStatus.PROSPECT);

        mayWriteSubscriptions(client);
        String first = Json.of(post(adv, "/api/v1/subjects/" + client + "/subscriptions", Map.of("planCode", "GESTAN-CLOUD-ESSENTIEL"))).path("id").asString();
        assertThat(subjects.status(client)).contains(SubjectStatus.CLIENT_ACTIVE);
        String second = Json.of(post(adv, "/api/v1/subjects/" + client + "/subscriptions", Map.of("planCode", "GESTAN-CLOUD-SAUVEGARDE"))).path("id").asString();

        HttpResponse<String> withoutGrant = post(world.staff("adv"), "/api/v1/subscriptions/" + first + "/termination", Map.of());
        assertThat(withoutGrant.statusCode()).as("a colleague without a grant").isEqualTo(403);
        HttpResponse<String> future = post(adv, "/api/v1/subscriptions/" + first + "/termination",
                Map.of("terminatedOn", world.today().plusDays(1).toString()));
        assertThat(fields(future)).containsExactly("terminatedOn");

        HttpResponse<String> terminated = post(adv, "/api/v1/subscriptions/" + first + "/termination", Map.of());
        assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
        assertThat(Json.of(terminated).path("status").asString()).isEqualTo("TERMINATED");
        assertThat(subjects.status(client)).as("another subscription still runs").contains(SubjectStatus.CLIENT_ACTIVE);
        assertThat(post(adv, "/api/v1/subscriptions/" + first + "/termination", Map.of()).statusCode()).as("already terminated").isEqualTo(400);

        assertThat(adv.http().json("POST", "/api/v1/subscriptions/" + second + "/termination", "").statusCode()).isEqualTo(200);
        assertThat(subjects.status(client)).contains(SubjectStatus.CLIENT_INACTIVE);
        assertThat(jdbc.sql("SELECT contract_ended_on FROM data_subject WHERE id = ?").param(client).query(LocalDate.class).single())
                .isEqualTo(world.today());
        events.await(ContractTerminated.class, e -> e.subscriptionId().toString().equals(first) && e.terminatedOn().equals(world.today()));
        events.await(ContractTerminated.class, e -> e.subscriptionId().toString().equals(second) && e.subjectId().equals(client));

        post(adv, "/api/v1/subjects/" + client + "/subscriptions", Map.of("planCode", "GESTAN-CLOUD-PRO"));
        assertThat(subjects.status(client)).as("a former client who subscribes again").contains(SubjectStatus.CLIENT_ACTIVE);
    }

    @Test
    @DisplayName("R5.3 a fixed-term contract that runs out makes its client inactive at the daily review, as of its end date")
    void fixedTermContractsRunOut() {
        LocalDate endsOn = world.today().plusDays(10);
        mayWriteSubscriptions(client);
        HttpResponse<String> subscribed = post(adv, "/api/v1/subjects/" + client + "/subscriptions",
                Map.of("planCode", "GESTAN-CLOUD-ESSENTIEL", "endsOn", endsOn.toString()));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        assertThat(subjects.status(client)).contains(SubjectStatus.CLIENT_ACTIVE);

        subscriptions.endExpiredContracts(endsOn);
        assertThat(subjects.status(client)).as("still running on its last day").contains(SubjectStatus.CLIENT_ACTIVE);
        assertThat(subscriptions.endExpiredContracts(endsOn.plusDays(1))).isPositive();
        assertThat(subjects.status(client)).contains(SubjectStatus.CLIENT_INACTIVE);
        assertThat(jdbc.sql("SELECT contract_ended_on FROM data_subject WHERE id = ?").param(client).query(LocalDate.class).single())
                .isEqualTo(endsOn);
        subscriptions.endExpiredContracts(endsOn.plusDays(2));
        assertThat(subjects.status(client)).as("a second review changes nothing").contains(SubjectStatus.CLIENT_INACTIVE);
        assertThat(jdbc.sql("SELECT contract_ended_on FROM data_subject WHERE id = ?").param(client).query(LocalDate.class).single())
                .isEqualTo(endsOn);
    }

    @Test
    @DisplayName("R5.6 marking an invoice unpaid and opening or closing a litigation publish InvoiceUnpaid, LitigationOpened and LitigationClosed through the event publication registry")
    void unpaidAndLitigation() {
        String invoiceId = unpaidInvoice(client, "120.00");
        assertThat(post(adv, "/api/v1/invoices/" + invoiceId + "/unpaid", Map.of()).statusCode()).as("a write: a grant is needed").isEqualTo(403);
        world.grant(adv, "unpaid-litigation", Set.of("billing"), client);
        HttpResponse<String> unpaid = post(adv, "/api/v1/invoices/" + invoiceId + "/unpaid", Map.of());
        assertThat(unpaid.statusCode()).as(unpaid.body()).isEqualTo(200);
        assertThat(Json.of(unpaid).path("status").asString()).isEqualTo("UNPAID");
        assertThat(Json.of(unpaid).path("unpaidSince").asString()).isEqualTo(world.today().toString());
        InvoiceUnpaid event = events.await(InvoiceUnpaid.class, e -> e.invoiceId().toString().equals(invoiceId));
        assertThat(event.subjectId()).isEqualTo(client);
        assertThat(event.dueOn()).isEqualTo(world.today().minusDays(30));

        String notDue = Json.of(post(adv, "/api/v1/subjects/" + client + "/invoices", Map.of("dueOn", world.today().toString(),
                "amount", "10.00", "currency", "EUR"))).path("id").asString();
        HttpResponse<String> early = post(adv, "/api/v1/invoices/" + notDue + "/unpaid", Map.of());
        assertThat(fields(early)).containsExactly("dueOn");

        HttpResponse<String> opened = post(adv, "/api/v1/subjects/" + client + "/litigations", Map.of("reason",
                "Relances restées sans réponse, mise en demeure envoyée", "invoiceIds", List.of(invoiceId)));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String litigationId = Json.of(opened).path("id").asString();
        events.await(LitigationOpened.class, e -> e.litigationId().toString().equals(litigationId) && e.subjectId().equals(client));

        UUID stranger = world.adultProspect();
        world.grant(adv, "unpaid-litigation", Set.of("billing"), stranger);
        HttpResponse<String> foreign = post(adv, "/api/v1/subjects/" + stranger + "/litigations",
                Map.of("reason", "x", "invoiceIds", List.of(invoiceId)));
        assertThat(fields(foreign)).containsExactly("invoiceIds[0]");

        HttpResponse<String> closed = post(adv, "/api/v1/litigations/" + litigationId + "/closure", Map.of("outcome", "settled"));
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        events.await(LitigationClosed.class, e -> e.litigationId().toString().equals(litigationId) && e.outcome().equals("settled"));
        JsonNode listed = Json.of(get(adv, "/api/v1/subjects/" + client + "/litigations?purpose=unpaid-litigation")).get(0);
        assertThat(listed.path("reason").asString()).startsWith("Relances");
        assertThat(listed.path("closedOn").asString()).isEqualTo(world.today().toString());

        for (String type : List.of(InvoiceUnpaid.class.getName(), LitigationOpened.class.getName(), LitigationClosed.class.getName())) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE event_type = ? AND serialized_event LIKE ?")
                    .params(type, "%" + client + "%").query(Long.class).single()).as(type + " in the registry").isPositive();
        }
    }

    @Test
    @DisplayName("R4.5 R6.5 every commerce call is decided and audited: a read names a purpose of the policy that uses the data, and refusals are recorded")
    void decidedAndAudited() {
        world.grant(adv, "orders", Set.of("orders"), client);
        post(adv, "/api/v1/subjects/" + client + "/orders", Map.of("currency", "EUR",
                "lines", List.of(Map.of("productCode", "SUPPORT-PLUS", "quantity", 1, "unitPrice", "30.00"))));
        HttpResponse<String> noPurpose = get(adv, "/api/v1/subjects/" + client + "/orders");
        assertThat(noPurpose.statusCode()).isEqualTo(400);
        assertThat(fields(noPurpose)).containsExactly("purpose");
        HttpResponse<String> unknown = get(adv, "/api/v1/subjects/" + client + "/orders?purpose=curiosity");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("purpose");
        HttpResponse<String> wrongPurpose = get(adv, "/api/v1/subjects/" + client + "/orders?purpose=newsletters");
        assertThat(wrongPurpose.statusCode()).as("newsletters do not use orders").isEqualTo(403);
        assertThat(get(adv, "/api/v1/subjects/" + client + "/orders?purpose=orders").statusCode()).isEqualTo(200);

        // the accesses to the person's data (the grants given for the test have entries of their own, by who gave them)
        List<AuditEntry> entries = audit.forSubject(client, 20).reversed().stream()
                .filter(e -> !e.event().resourceType().equals("access-grant")).toList();
        assertThat(entries).extracting(e -> e.event().action() + " " + e.event().purpose() + " " + e.event().outcome())
                .containsSubsequence("create orders ALLOWED", "read null DENIED", "read newsletters DENIED", "read orders ALLOWED");
        assertThat(entries).allSatisfy(e -> assertThat(e.event().actor()).isEqualTo("staff:" + adv.id()));
        assertThat(entries.stream().filter(e -> e.event().outcome() == AuditOutcome.DENIED).map(e -> e.event().reason()))
                .contains("unknown purpose");
    }

    @Test
    @DisplayName("R6.1 R6.5 staff adding an order or an invoice to a person already recorded need a grant on that person for its purpose: "
            + "without one, 403 problem+json saying why (in French and English on a page), nothing written, the refusal audited; with one, "
            + "written and the access audited")
    void addingToAKnownPersonNeedsAGrant() {
        String orders = "/api/v1/subjects/" + client + "/orders";
        String invoices = "/api/v1/subjects/" + client + "/invoices";
        Map<String, Object> order = Map.of("currency", "EUR", "lines", List.of(Map.of("productCode", "MODULE-STOCK", "quantity", 1,
                "unitPrice", "45.00")));
        Map<String, Object> invoice = Map.of("dueOn", world.today().plusDays(30).toString(), "amount", "45.00", "currency", "EUR");

        HttpResponse<String> refused = post(adv, orders, order);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        String reason = Json.of(refused).path("detail").asString();
        assertThat(reason).isEqualTo("the person is already recorded: adding to their records needs a grant in force for this purpose "
                + "and these categories");
        assertThat(words.reason(reason, Locale.FRENCH)).startsWith("la personne est déjà enregistrée : ajouter à son dossier demande une autorisation");
        assertThat(words.reason(reason, Locale.ENGLISH)).startsWith("the person is already recorded: adding to their records needs a grant");
        assertThat(post(adv, invoices, invoice).statusCode()).isEqualTo(403);
        world.grant(adv, "billing", Set.of("billing"), client);
        assertThat(post(adv, orders, order).statusCode()).as("a grant for another purpose opens nothing here").isEqualTo(403);
        for (String table : List.of("customer_order", "invoice")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE subject_id = ?").param(client).query(Long.class).single())
                    .as("nothing written in " + table).isZero();
        }

        world.grant(adv, "orders", Set.of("orders"), client);
        assertThat(post(adv, orders, order).statusCode()).isEqualTo(201);
        assertThat(post(adv, invoices, invoice).statusCode()).isEqualTo(201);

        // the accesses to the person's data (the grants given for the test have entries of their own, by who gave them)
        List<AuditEntry> entries = audit.forSubject(client, 20).reversed().stream()
                .filter(e -> !e.event().resourceType().equals("access-grant")).toList();
        assertThat(entries).extracting(e -> e.event().action() + " " + e.event().purpose() + " " + e.event().outcome())
                .containsSubsequence("create orders DENIED", "create billing DENIED", "create orders DENIED", "create orders ALLOWED",
                        "create billing ALLOWED");
        assertThat(entries).filteredOn(e -> e.event().outcome() == AuditOutcome.ALLOWED)
                .allSatisfy(e -> assertThat(e.event().reason()).startsWith("allowed by grant "));
        assertThat(entries).allSatisfy(e -> assertThat(e.event().actor()).isEqualTo("staff:" + adv.id()));
    }

    @Test
    @DisplayName("R4.5 R8.3 R6.1 an integration token records new commercial data on a person already recorded by its scope and role, no grant, but reads nothing")
    void token() {
        Staff admin = Staff.signedIn(directory, port, "administrator");
        String secret = Json.of(post(admin, "/api/v1/tokens", Map.of("name", "shop " + UUID.randomUUID(), "role", "adv",
                "scopes", List.of("subjects:write")))).path("secret").asString();
        HttpResponse<String> ordered = new Http(port).json("POST", "/api/v1/subjects/" + client + "/orders",
                json(Map.of("currency", "EUR", "lines", List.of(Map.of("productCode", "MODULE-PAIE", "quantity", 1, "unitPrice", "12.50")))),
                "Authorization", "Bearer " + secret);
        assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(201);
        HttpResponse<String> read = new Http(port).get("/api/v1/subjects/" + client + "/orders?purpose=orders",
                "Authorization", "Bearer " + secret);
        assertThat(read.statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("R3.2 an order retried with the same Idempotency-Key is recorded once and answered the same")
    void idempotentOrder() {
        String body = json(Map.of("currency", "EUR", "lines", List.of(Map.of("productCode", "LICENCE-POSTE", "quantity", 3, "unitPrice", "20.00"))));
        String key = UUID.randomUUID().toString();
        world.grant(adv, "orders", Set.of("orders"), client);
        HttpResponse<String> first = adv.http().json("POST", "/api/v1/subjects/" + client + "/orders", body, "Idempotency-Key", key);
        HttpResponse<String> retry = adv.http().json("POST", "/api/v1/subjects/" + client + "/orders", body, "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(Json.of(retry).path("id").asString()).isEqualTo(Json.of(first).path("id").asString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE subject_id = ?").param(client).query(Long.class).single()).isOne();
    }

    @Test
    @DisplayName("R3.2 bad input is refused as problem+json naming each invalid field, and nothing is written")
    void badInput() {
        HttpResponse<String> order = post(adv, "/api/v1/subjects/" + client + "/orders", Map.of("currency", "USD",
                "lines", List.of(Map.of("productCode", "bad code", "quantity", 0, "unitPrice", "1.234"))));
        assertThat(order.statusCode()).isEqualTo(400);
        assertThat(fields(order)).containsExactlyInAnyOrder("currency", "lines[0].productCode", "lines[0].quantity", "lines[0].unitPrice");

        HttpResponse<String> invoice = post(adv, "/api/v1/subjects/" + client + "/invoices", Map.of("issuedOn", world.today().toString(),
                "dueOn", world.today().minusDays(1).toString(), "amount", "0", "currency", "EUR"));
        assertThat(fields(invoice)).containsExactlyInAnyOrder("amount");
        invoice = post(adv, "/api/v1/subjects/" + client + "/invoices", Map.of("issuedOn", world.today().toString(),
                "dueOn", world.today().minusDays(1).toString(), "amount", "10", "currency", "EUR"));
        assertThat(fields(invoice)).containsExactly("dueOn");

        HttpResponse<String> wrongType = adv.http().json("POST", "/api/v1/subjects/" + client + "/invoices",
                "{\"dueOn\": \"next week\", \"amount\": \"10\", \"currency\": \"EUR\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(fields(wrongType)).containsExactly("dueOn");

        HttpResponse<String> delivery = post(adv, "/api/v1/orders/" + UUID.randomUUID() + "/deliveries", Map.of("carrier", "colissimo",
                "address", Map.of("recipient", "X", "line1", "1 rue A", "postalCode", "6900", "city", "Lyon", "country", "FR")));
        assertThat(fields(delivery)).containsExactly("address.postalCode");

        HttpResponse<String> nobody = post(adv, "/api/v1/subjects/" + UUID.randomUUID() + "/subscriptions", Map.of("planCode", "GESTAN-CLOUD-PRO"));
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(fields(nobody)).containsExactly("subjectId");
        assertThat(get(adv, "/api/v1/invoices/" + UUID.randomUUID() + "?purpose=billing").statusCode()).isEqualTo(404);
        assertThat(get(adv, "/api/v1/invoices/not-a-uuid?purpose=billing").statusCode()).isEqualTo(400);

        for (String table : List.of("customer_order", "invoice", "subscription")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE subject_id = ?").param(client).query(Long.class).single())
                    .as(table).isZero();
        }
    }

    @Test
    @DisplayName("R3.2 the OpenAPI description at /v3/api-docs lists the commerce and support endpoints")
    void openApi() {
        HttpResponse<String> docs = new Http(port).get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = Json.of(docs).path("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/subjects/{id}/subscriptions", "/api/v1/subscriptions/{id}/termination",
                "/api/v1/subjects/{id}/orders", "/api/v1/orders/{id}/deliveries", "/api/v1/deliveries/{id}/tracking",
                "/api/v1/subjects/{id}/invoices", "/api/v1/invoices/{id}/payments", "/api/v1/invoices/{id}/unpaid",
                "/api/v1/subjects/{id}/litigations", "/api/v1/litigations/{id}/closure", "/api/v1/subjects/{id}/account",
                "/api/v1/subjects/{id}/tickets", "/api/v1/tickets/{ticketRef}/messages",
                "/api/v1/tickets/{ticketRef}/subcontractor-authorisations", "/api/v1/tickets/{ticketRef}/security-monitoring-requests",
                "/api/v1/tickets/{ticketRef}/closure");
        assertThat(paths.path("/api/v1/invoices/{id}/payments").path("post").path("requestBody").toString()).contains("NewPayment");
    }

    @Test
    @DisplayName("R8.4 nothing personal is in clear in the commerce tables: addresses, tracking numbers, card references, access codes and litigation reasons are sealed")
    void nothingInClear() {
        String marker = "Zéphyrine-" + UUID.randomUUID().toString().substring(0, 6);
        Staff support = world.staff("cloud-support");
        world.grant(support, "subscription-contract", Set.of("account-credentials"), client);
        world.grant(adv, "orders", Set.of("orders"), client);
        world.grant(adv, "deliveries", Set.of("orders", "contact"), client);
        world.grant(adv, "unpaid-litigation", Set.of("billing"), client);
        post(support, "/api/v1/subjects/" + client + "/account", Map.of("accessCode", marker.replace("é", "e"), "password", marker + " password"));
        String orderId = Json.of(post(adv, "/api/v1/subjects/" + client + "/orders", Map.of("currency", "EUR",
                "lines", List.of(Map.of("productCode", "CLE-USB", "quantity", 1, "unitPrice", "9.00"))))).path("id").asString();
        post(adv, "/api/v1/orders/" + orderId + "/deliveries", Map.of("carrier", "chronopost", "trackingNumber", marker + "-TRK",
                "address", Map.of("recipient", marker, "line1", "7 impasse " + marker, "postalCode", "75011", "city", "Paris", "country", "FR")));
        String invoiceId = unpaidInvoice(client, "9.00");
        post(adv, "/api/v1/invoices/" + invoiceId + "/payments", Map.of("amount", "9.00", "currency", "EUR", "method", "CARD",
                "cardToken", "tok_" + marker.replace("é", "e"), "cardLastFour", "4242"));
        post(adv, "/api/v1/subjects/" + client + "/litigations", Map.of("reason", "Dossier " + marker));

        List<String> found = CommerceTables.scan(jdbc, List.of("client_account", "subscription", "customer_order", "order_line", "delivery",
                "invoice", "payment", "litigation", "litigation_invoice"), marker, marker.replace("é", "e"));
        assertThat(found).isEmpty();
    }
}
