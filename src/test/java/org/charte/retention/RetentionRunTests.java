package org.charte.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.commerce.Invoice;
import org.charte.commerce.Invoices;
import org.charte.commerce.Orders;
import org.charte.commerce.Payment;
import org.charte.retention.RetentionRuns.Report;
import org.charte.retention.RetentionRuns.Request;
import org.charte.retention.RetentionRuns.RuleCounts;
import org.charte.retention.RetentionRuns.Trigger;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.support.Channel;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.charte.support.Tickets;
import org.charte.vault.Vault;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Retention runs on a database of their own (their own context: runs as of far-off days would
 * otherwise erase other tests' people), time driven by the run's as-of day from the injected
 * clock's today.
 */
@CharteIntegrationTest
@TestPropertySource(properties = "charte.retention.batch-size=7")
@Import(RetentionRunTests.Erased.class)
class RetentionRunTests {

    /** Listens to SubjectErased as a future module would. */
    @TestComponent
    static class Erased {
        private final List<SubjectErased> received = new CopyOnWriteArrayList<>();

        @ApplicationModuleListener
        public void on(SubjectErased event) {
            received.add(event);
        }

        public List<SubjectErased> received() {
            return List.copyOf(received);
        }
    }

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
    Vault vault;

    @Autowired
    Invoices invoices;

    @Autowired
    Tickets tickets;

    @Autowired
    Orders orders;

    @Autowired
    RetentionRuns runs;

    @Autowired
    LegalHolds holds;

    @Autowired
    LockProvider locks;

    @Autowired
    Erased erasedEvents;

    Relationship world;
    Staff adv;
    LocalDate today;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        adv = world.staff("adv");
        today = world.today();
    }

    Actor advActor() {
        return Actor.staff(adv.id());
    }

    static final String EMAIL_DOMAIN = "@retention.example.org";

    UUID person(SubjectStatus status, String lastName, LocalDate lastContact) {
        String email = lastName.toLowerCase(Locale.ROOT) + EMAIL_DOMAIN;
        return subjects.register(status, new PersonalData(new Identity("Mme", lastName, "Camille", LocalDate.of(1970, 4, 2)),
                new Contacts(List.of(new PostalAddress(List.of("8 rue Pasteur"), "21000", "Dijon", "FR")), List.of(email), List.of("0611223344")),
                "prefers mornings"), lastContact);
    }

    /** An inactive client whose retention counts from {@code from}, with a ticket. */
    UUID inactiveClient(String lastName, LocalDate from) {
        UUID id = person(SubjectStatus.CLIENT_INACTIVE, lastName, from);
        subjects.contractsEnded(id, from);
        return id;
    }

    /** An invoice ADV issues under a billing grant on the person (a record added to a person already recorded). */
    Invoice invoice(UUID subject, LocalDate issuedOn) {
        world.grant(adv, "billing", Set.of("billing"), subject);
        return invoices.issue(advActor(), subject, new Invoices.NewInvoice(issuedOn, issuedOn.plusDays(30), new BigDecimal("120.00"), "EUR",
                null, null));
    }

    Payment pay(Invoice invoice, LocalDate paidOn, boolean card) {
        return invoices.pay(advActor(), invoice.id(), new Invoices.NewPayment(invoice.amount(), "EUR", paidOn,
                card ? Payment.Method.CARD : Payment.Method.TRANSFER, card ? "tok_" + UUID.randomUUID().toString().replace("-", "") : null,
                card ? "4242" : null));
    }

    void ticket(UUID subject) {
        world.grant(adv, "customer-service", Set.of("support-requests"), subject);
        tickets.open(advActor(), subject, new Tickets.NewTicket(Channel.EMAIL, "Question", "Where is my invoice?"));
    }

    Report run(LocalDate asOf) {
        return runs.run(new Request(asOf, false, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
    }

    Report dryRun(LocalDate asOf) {
        return runs.run(new Request(asOf, true, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
    }

    boolean exists(UUID subject) {
        return jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(subject).query(Long.class).single() > 0;
    }

    long rows(String table, UUID subject) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE subject_id = ?").param(subject).query(Long.class).single();
    }

    long proofs(UUID runId, String recordType, UUID erased) {
        return jdbc.sql("SELECT COUNT(*) FROM erasure_proof WHERE run_id = ? AND record_type = ? AND record_hash = ?")
                .params(runId, recordType, runs.proofHash(erased)).query(Long.class).single();
    }

    void assertErased(UUID subject, Report run) {
        assertThat(exists(subject)).as("the person's row").isFalse();
        assertThat(vault.hasKey(subject)).as("the person's key").isFalse();
        for (String table : List.of("subject_lookup", "client_account", "subscription", "customer_order", "invoice", "payment", "litigation",
                "support_ticket")) {
            assertThat(rows(table, subject)).as(table).isZero();
        }
        assertThat(proofs(run.id(), "subject", subject)).as("a proof of erasure").isOne();
    }

    static RuleCounts rule(Report report, String ruleId) {
        return report.rules().stream().filter(r -> r.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("R5.1 a prospect and their support requests are erased 3 years after the last contact, with a proof and a SubjectErased event")
    void prospects() {
        UUID prospect = person(SubjectStatus.PROSPECT, "Prospectine", today.minusMonths(8));
        ticket(prospect); // an inbound message: a contact, today
        LocalDate lastContact = subjects.lifecycle(prospect).orElseThrow().lastContactOn();
        assertThat(lastContact).isEqualTo(today);

        Report kept = run(lastContact.plusYears(3));
        assertThat(exists(prospect)).as("three years to the day: kept").isTrue();
        assertThat(rows("support_ticket", prospect)).isOne();
        assertThat(kept.status()).isEqualTo(RetentionRuns.Status.COMPLETED);

        Report erased = run(lastContact.plusYears(3).plusDays(1));
        assertErased(prospect, erased);
        assertThat(rule(erased, "prospects").erased()).isGreaterThanOrEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (erasedEvents.received().stream().noneMatch(e -> e.subjectId().equals(prospect)) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(erasedEvents.received()).as("SubjectErased, after commit").anySatisfy(e -> {
            assertThat(e.subjectId()).isEqualTo(prospect);
            assertThat(e.ruleId()).isEqualTo("prospects");
            assertThat(e.runId()).isEqualTo(erased.id());
            assertThat(e.asOf()).isEqualTo(erased.asOf());
        });
        assertThat(runs.find(erased.id()).orElseThrow().status()).isEqualTo(RetentionRuns.Status.COMPLETED);
        assertThat(runs.recent(5)).extracting(Report::id).contains(erased.id(), kept.id());
    }

    @Test
    @DisplayName("R5.2 an active client is kept for the whole relationship, however old the last contact")
    void activeClients() {
        UUID client = person(SubjectStatus.CLIENT_ACTIVE, "Activa", today.minusYears(20));
        invoice(client, today.minusYears(1));
        run(today.plusYears(60));
        assertThat(exists(client)).isTrue();
        assertThat(vault.hasKey(client)).isTrue();
        assertThat(rows("invoice", client)).isOne();
    }

    @Test
    @DisplayName("R5.3 L4 a former client serves the relationship and marketing 3 years after the later of contract end and last contact, "
            + "not the policy's 10: at 3 years and a day what an obligation still needs moves to the archive, reachable only for "
            + "legal-obligations by the roles the obligation names until it ends; the rest is erased")
    void inactiveClientsAndArchive() {
        LocalDate from = today.minusYears(3);
        UUID client = inactiveClient("Inactivia", from);
        Invoice old = invoice(client, from.minusYears(8)); // its accounting (10 years) and tax (6 years) obligations are over
        pay(old, from.minusYears(8), false);
        Invoice last = invoice(client, today.minusYears(1)); // the final invoice, after the contract ended
        Payment lastPayment = pay(last, today.minusYears(1), false);

        Report kept = run(from.plusYears(3));
        assertThat(exists(client)).as("three years to the day: kept").isTrue();
        assertThat(rows("invoice", client)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM archive_entry WHERE subject_id = ?").param(client).query(Long.class).single()).isZero();
        assertThat(kept.status()).isEqualTo(RetentionRuns.Status.COMPLETED);

        Report erased = run(from.plusYears(3).plusDays(1));
        assertErased(client, erased);
        assertThat(rule(erased, "inactive-clients").archived()).isGreaterThanOrEqualTo(2);
        List<Map<String, Object>> archived = jdbc.sql("SELECT id, record_type, record_id, obligations, keep_until, categories FROM archive_entry WHERE subject_id = ? ORDER BY record_type")
                .param(client).query().listOfRows();
        assertThat(archived).as("the last invoice and its payment: the accounting (10 years) and tax (6 years) obligations still keep them; "
                + "the first invoice's have ended")
                .extracting(r -> r.get("record_type")).containsExactly("invoice", "payment");
        assertThat(archived).extracting(r -> r.get("record_id")).containsExactly(last.id(), lastPayment.id());
        assertThat(archived).allSatisfy(r -> {
            assertThat(r.get("obligations")).as("the longest first").isEqualTo("accounting,tax");
            assertThat(r.get("keep_until").toString()).isEqualTo(today.minusYears(1).plusYears(10).toString());
            assertThat(vault.hasKey((UUID) r.get("id"))).as("each entry under a key of its own").isTrue();
        });
        byte[] sealed = jdbc.sql("SELECT content FROM archive_entry WHERE record_id = ?").param(last.id()).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Inactivia").doesNotContain(last.number());

        // L4: reachable only for the obligation's purpose, by a role it names, under a grant on the former person.
        UUID entry = (UUID) archived.getFirst().get("id");
        String path = "/api/v1/archive/" + entry + "?purpose=legal-obligations";
        assertThat(adv.http().get(path, "Accept", "application/json").statusCode()).as("no grant yet").isEqualTo(403);
        world.grant(adv, "legal-obligations", Set.of("identity", "contact", "billing"), client);
        HttpResponse<String> opened = adv.http().get(path, "Accept", "application/json");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        JsonNode body = Json.of(opened);
        assertThat(body.path("identity").path("lastName").asString()).isEqualTo("Inactivia");
        assertThat(body.path("address").path("postalCode").asString()).isEqualTo("21000");
        assertThat(body.path("record").path("number").asString()).isEqualTo(last.number());
        assertThat(body.toString()).as("the minimum identity: no e-mail, phone or other information").doesNotContain(EMAIL_DOMAIN)
                .doesNotContain("0611223344").doesNotContain("+33611223344").doesNotContain("prefers mornings");
        HttpResponse<String> forBilling = adv.http().get("/api/v1/archive/" + entry + "?purpose=billing", "Accept", "application/json");
        assertThat(forBilling.statusCode()).as("only for the obligation's purpose").isEqualTo(403);
        world.grant(adv, "loyalty-prospecting", Set.of("identity", "contact"), client);
        HttpResponse<String> forMarketing = adv.http().get("/api/v1/archive/" + entry + "?purpose=loyalty-prospecting", "Accept", "application/json");
        assertThat(forMarketing.statusCode()).as("never for marketing, even under a grant for it").isEqualTo(403);
        assertThat(forMarketing.body()).doesNotContain("Inactivia");
        Staff development = world.staff("development");
        assertThat(development.http().get(path, "Accept", "application/json").statusCode()).as("a role the obligation does not name").isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE resource_type = 'archive-entry' AND resource_id = ? AND outcome = 'ALLOWED'")
                .param(entry.toString()).query(Long.class).single()).as("the read is in the audit log").isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE resource_type = 'archive-entry' AND resource_id = ? AND outcome = 'DENIED'")
                .param(entry.toString()).query(Long.class).single()).as("so are the refusals").isGreaterThanOrEqualTo(2);

        HttpResponse<String> summary = world.dpo().http().get("/api/v1/archive", "Accept", "application/json");
        assertThat(summary.statusCode()).isEqualTo(200);
        JsonNode accounting = null;
        for (JsonNode obligation : Json.of(summary)) {
            if (obligation.path("obligationId").asString().equals("accounting")) {
                accounting = obligation;
            }
        }
        assertThat(accounting).isNotNull();
        assertThat(accounting.path("entries").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(summary.body()).doesNotContain("Inactivia");

        // L4: kept through the obligation's last day, erased the day after, with a proof, its key destroyed.
        run(today.minusYears(1).plusYears(10));
        assertThat(adv.http().get(path, "Accept", "application/json").statusCode()).as("the accounting obligation's last day").isEqualTo(200);
        Report expired = run(today.minusYears(1).plusYears(10).plusDays(1));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM archive_entry WHERE subject_id = ?").param(client).query(Long.class).single()).isZero();
        assertThat(vault.hasKey(entry)).isFalse();
        assertThat(proofs(expired.id(), "archive-entry", entry)).isOne();
        assertThat(adv.http().get(path, "Accept", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("R5.6 a dry run changes nothing and says, per rule, what would be erased or archived and which records a hold keeps")
    void dryRun() {
        UUID prospect = person(SubjectStatus.PROSPECT, "Drytest", today.minusYears(1));
        UUID held = person(SubjectStatus.PROSPECT, "Drytestheld", today.minusYears(1));
        HttpResponse<String> placed = world.dpo().http().json("POST", "/api/v1/legal-holds", Json.write(Map.of("kind", "authority-request",
                "subjectId", held.toString(), "reason", "judicial-request-2026", "endsOn", today.plusYears(30).toString())));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        UUID holdId = UUID.fromString(Json.of(placed).path("id").asString());
        Map<String, Long> before = tableCounts();

        Report report = dryRun(today.plusYears(5));
        assertThat(report.dryRun()).isTrue();
        assertThat(tableCounts()).as("nothing changed").isEqualTo(before);
        assertThat(exists(prospect)).isTrue();
        assertThat(vault.hasKey(prospect)).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_proof WHERE run_id = ?").param(report.id()).query(Long.class).single()).isZero();
        RuleCounts prospects = rule(report, "prospects");
        assertThat(prospects.due()).isGreaterThanOrEqualTo(2);
        assertThat(prospects.erased()).as("would erase").isGreaterThanOrEqualTo(1);
        assertThat(prospects.held()).isGreaterThanOrEqualTo(1);
        assertThat(report.held()).anySatisfy(item -> {
            assertThat(item.recordId()).isEqualTo(held);
            assertThat(item.holdId()).isEqualTo(holdId);
            assertThat(item.kind()).isEqualTo(LegalHolds.Kind.AUTHORITY_REQUEST);
            assertThat(item.reasonCode()).isEqualTo("judicial-request-2026");
            assertThat(item.endsOn()).isEqualTo(today.plusYears(30));
        });
        assertThat(report.rules()).extracting(RuleCounts::ruleId).contains("card-references", "prospects", "inactive-clients", "archive");
        assertThat(report.rules()).extracting(RuleCounts::ruleId)
                .as("navigation data (R5.4, L8): the beacon's raw events, 25 months at most")
                .contains("navigation-data");
        assertThat(report.rules()).extracting(RuleCounts::ruleId).as("the proofs of cookie choices (L3)").contains("personalisation-cookies");
        holds.release(Actor.staff(world.dpo().id()), holdId);
    }

    Map<String, Long> tableCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("data_subject", "subject_key", "subject_lookup", "client_account", "invoice", "payment", "support_ticket",
                "ticket_message", "archive_entry", "erasure_proof", "legal_hold")) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        counts.put("cards", jdbc.sql("SELECT COUNT(*) FROM payment WHERE card IS NOT NULL").query(Long.class).single());
        return counts;
    }

    @Test
    @DisplayName("R5.6 a hold on a person suspends their erasure until released; a hold past its end date no longer applies")
    void personHolds() {
        UUID prospect = person(SubjectStatus.PROSPECT, "Heldperson", today.minusYears(1));
        HttpResponse<String> placed = world.dpo().http().json("POST", "/api/v1/legal-holds",
                Json.write(Map.of("kind", "litigation", "subjectId", prospect.toString(), "reason", "tribunal-2026")));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String holdId = Json.of(placed).path("id").asString();
        HttpResponse<String> listed = world.dpo().http().get("/api/v1/legal-holds", "Accept", "application/json");
        assertThat(listed.body()).contains(holdId).contains("tribunal-2026");

        Report heldRun = run(today.plusYears(3));
        assertThat(exists(prospect)).isTrue();
        assertThat(heldRun.held()).anySatisfy(item -> assertThat(item.holdId().toString()).isEqualTo(holdId));

        HttpResponse<String> released = world.dpo().http().json("POST", "/api/v1/legal-holds/" + holdId + "/release", "{}");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(Json.of(released).path("active").asBoolean()).isFalse();
        assertThat(world.dpo().http().json("POST", "/api/v1/legal-holds/" + holdId + "/release", "{}").statusCode()).isEqualTo(400);
        assertErased(prospect, run(today.plusYears(3)));

        UUID expiring = person(SubjectStatus.PROSPECT, "Heldexpiring", today.minusYears(1));
        holds.place(Actor.staff(world.dpo().id()), new LegalHolds.NewHold("accounting-obligation", expiring, null, null, "tax-audit-2026",
                today.plusYears(2)));
        run(today.plusYears(2).plusDays(-1).plusYears(0));
        assertThat(exists(expiring)).as("not due yet anyway").isTrue();
        assertErased(expiring, run(today.plusYears(3)));
    }

    @Test
    @DisplayName("R5.6 an unpaid invoice holds that invoice, its payments and the person's identity while their other records go; paid, the person goes at the next run")
    void recordHolds() throws InterruptedException {
        LocalDate from = today.minusYears(2);
        UUID client = inactiveClient("Unpaidia", from);
        Invoice other = invoice(client, from);
        pay(other, from, false);
        Invoice unpaid = invoice(client, today.minusMonths(6));
        world.grant(adv, "unpaid-litigation", Set.of("billing"), client);
        invoices.markUnpaid(advActor(), unpaid.id());
        UUID holdId = awaitHold(unpaid.id(), true);

        Report partial = run(from.plusYears(10).plusDays(1));
        assertThat(exists(client)).as("identity and contact kept to pursue").isTrue();
        assertThat(vault.hasKey(client)).isTrue();
        assertThat(jdbc.sql("SELECT id FROM invoice WHERE subject_id = ?").param(client).query(UUID.class).list()).containsExactly(unpaid.id());
        assertThat(rows("payment", client)).as("the other records go").isZero();
        assertThat(jdbc.sql("SELECT other_information FROM data_subject WHERE id = ?").param(client).query(byte[].class).optional()
                .orElse(null)).isNull();
        assertThat(proofs(partial.id(), "subject-records", client)).isOne();
        assertThat(partial.held()).anySatisfy(item -> {
            assertThat(item.recordId()).isEqualTo(unpaid.id());
            assertThat(item.kind()).isEqualTo(LegalHolds.Kind.UNPAID_INVOICE);
            assertThat(item.holdId()).isEqualTo(holdId);
        });

        Report again = run(from.plusYears(10).plusDays(1));
        assertThat(exists(client)).isTrue();
        assertThat(proofs(again.id(), "subject-records", client)).as("nothing more to erase, nothing proved twice").isZero();

        Payment paid = pay(unpaid, today, false);
        awaitHold(unpaid.id(), false);
        Report gone = run(from.plusYears(10).plusDays(1));
        assertErased(client, gone);
        assertThat(jdbc.sql("SELECT record_id FROM archive_entry WHERE subject_id = ?").param(client).query(UUID.class).list())
                .as("the once-held invoice and its payment still under the accounting obligation").contains(unpaid.id(), paid.id());
    }

    @Test
    @DisplayName("L4 a former client past retention whom only a legal hold (an unpaid invoice) keeps serves that hold alone: loyalty-prospecting "
            + "is refused over HTTP by the decision point, e-mails and phones included, even under a grant; unpaid-litigation still reads them; "
            + "the limit goes with the person at the run after payment")
    void keptOnlyForTheHold() throws InterruptedException {
        LocalDate from = today.minusYears(2);
        UUID client = inactiveClient("Keptforhold", from);
        Invoice unpaid = invoice(client, today.minusMonths(3));
        world.grant(adv, "unpaid-litigation", Set.of("identity", "contact", "billing"), client);
        world.grant(adv, "loyalty-prospecting", Set.of("identity", "contact"), client);
        invoices.markUnpaid(advActor(), unpaid.id());
        awaitHold(unpaid.id(), true);
        String marketing = "/api/v1/subjects/" + client + "?purpose=loyalty-prospecting";
        String recovery = "/api/v1/subjects/" + client + "?purpose=unpaid-litigation";
        HttpResponse<String> within = adv.http().get(marketing, "Accept", "application/json");
        assertThat(within.statusCode()).as("within the 3 years, marketing under its grant: " + within.body()).isEqualTo(200);
        assertThat(within.body()).contains(EMAIL_DOMAIN).contains("+33611223344");

        LocalDate past = from.plusYears(3).plusDays(1);
        run(past);
        assertThat(exists(client)).as("kept by the unpaid invoice").isTrue();
        HttpResponse<String> refused = adv.http().get(marketing, "Accept", "application/json");
        assertThat(refused.statusCode()).as("L4: only the hold's purpose").isEqualTo(403);
        assertThat(refused.body()).contains("kept-for-obligation").doesNotContain(EMAIL_DOMAIN).doesNotContain("+33611223344")
                .doesNotContain("Keptforhold");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE subject_id = ? AND purpose = 'loyalty-prospecting' AND outcome = 'DENIED'")
                .param(client).query(Long.class).single()).as("the refusal is in the audit log").isPositive();
        HttpResponse<String> pursued = adv.http().get(recovery, "Accept", "application/json");
        assertThat(pursued.statusCode()).as("the hold's own purpose: " + pursued.body()).isEqualTo(200);
        assertThat(pursued.body()).contains(EMAIL_DOMAIN).contains("Keptforhold");

        run(past); // the next night: nothing changes
        assertThat(adv.http().get(marketing, "Accept", "application/json").statusCode()).isEqualTo(403);

        pay(unpaid, today, false);
        awaitHold(unpaid.id(), false);
        assertErased(client, run(past));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM kept_for_obligation WHERE subject_id = ?").param(client).query(Long.class).single())
                .as("the limit goes with the person").isZero();
    }

    List<String> fields(HttpResponse<String> problem) {
        return Json.of(problem).path("errors").findValuesAsString("field");
    }

    long auditCount(String resourceType, String action, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE resource_type = ? AND action = ? AND outcome = ?")
                .params(resourceType, action, outcome).query(Long.class).single();
    }

    @Test
    @DisplayName("L4 the roles an obligation names list the archive's entries by obligation, former person id or record reference over the API "
            + "(paged, no content, audited); other roles and purposes are refused and audited; bad input is a 400 problem naming each field")
    void archiveListedOverTheApi() {
        LocalDate from = today.minusYears(3);
        UUID client = inactiveClient("Archivebrowse", from);
        Invoice first = invoice(client, today.minusYears(2));
        Payment firstPayment = pay(first, today.minusYears(2), false);
        Invoice second = invoice(client, today.minusYears(1));
        run(from.plusYears(3).plusDays(1));
        assertThat(exists(client)).isFalse();
        String base = "/api/v1/retention/archive/entries?purpose=legal-obligations";
        long listedBefore = auditCount("archive", "list", "ALLOWED");
        long refusedBefore = auditCount("archive", "list", "DENIED");

        HttpResponse<String> byPerson = adv.http().get(base + "&formerSubjectId=" + client, "Accept", "application/json");
        assertThat(byPerson.statusCode()).as(byPerson.body()).isEqualTo(200);
        JsonNode page = Json.of(byPerson);
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("entries").findValuesAsString("recordId"))
                .containsExactlyInAnyOrder(first.id().toString(), firstPayment.id().toString(), second.id().toString());
        assertThat(page.path("entries").findValuesAsString("formerSubjectId")).containsOnly(client.toString());
        assertThat(byPerson.body()).as("no content, no identity").doesNotContain("Archivebrowse").doesNotContain(first.number())
                .doesNotContain("Dijon");

        HttpResponse<String> byRecord = world.staff("dpo").http().get(base + "&recordId=" + second.id(), "Accept", "application/json");
        assertThat(byRecord.statusCode()).as("the DPO too: " + byRecord.body()).isEqualTo(200);
        assertThat(Json.of(byRecord).path("entries").findValuesAsString("recordId")).containsExactly(second.id().toString());
        String entryId = Json.of(byRecord).path("entries").get(0).path("id").asString();
        assertThat(Json.of(byRecord).path("entries").get(0).path("obligations").valueStream().map(JsonNode::asString)).contains("accounting");

        HttpResponse<String> firstPage = adv.http().get(base + "&obligation=accounting&size=1", "Accept", "application/json");
        assertThat(firstPage.statusCode()).isEqualTo(200);
        assertThat(Json.of(firstPage).path("entries")).hasSize(1);
        assertThat(Json.of(firstPage).path("total").asLong()).isGreaterThanOrEqualTo(3);
        HttpResponse<String> nextPage = adv.http().get(base + "&obligation=accounting&size=1&page=1", "Accept", "application/json");
        assertThat(Json.of(nextPage).path("entries").get(0).path("id").asString())
                .isNotEqualTo(Json.of(firstPage).path("entries").get(0).path("id").asString());
        assertThat(auditCount("archive", "list", "ALLOWED")).as("each listing audited").isGreaterThanOrEqualTo(listedBefore + 4);

        Staff development = world.staff("development");
        assertThat(development.http().get(base + "&formerSubjectId=" + client, "Accept", "application/json").statusCode())
                .as("a role no obligation names").isEqualTo(403);
        HttpResponse<String> marketing = adv.http().get("/api/v1/retention/archive/entries?purpose=loyalty-prospecting&formerSubjectId=" + client,
                "Accept", "application/json");
        assertThat(marketing.statusCode()).as("only for the obligation's purpose").isEqualTo(403);
        assertThat(auditCount("archive", "list", "DENIED")).as("refusals audited").isGreaterThanOrEqualTo(refusedBefore + 2);
        assertThat(new Http(port).get(base + "&formerSubjectId=" + client, "Accept", "application/json").statusCode())
                .isEqualTo(401);

        HttpResponse<String> nothing = adv.http().get(base, "Accept", "application/json");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(fields(nothing)).containsExactlyInAnyOrder("obligation", "formerSubjectId", "recordId");
        HttpResponse<String> bad = adv.http().get("/api/v1/retention/archive/entries?formerSubjectId=not-an-id&obligation=astrology&size=0&page=-1",
                "Accept", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(bad)).containsExactlyInAnyOrder("purpose", "formerSubjectId", "obligation", "size", "page");
        assertThat(bad.body()).doesNotContain("not-an-id").doesNotContain("astrology");

        String apiDocs = adv.http().get("/v3/api-docs", "Accept", "application/json").body();
        assertThat(apiDocs).contains("/api/v1/retention/archive/entries").contains("formerSubjectId");

        // An entry whose obligations have ended (its keep-until was yesterday, the run has not erased it yet) is neither listed nor opened.
        world.grant(adv, "legal-obligations", Set.of("identity", "contact", "billing"), client);
        assertThat(adv.http().get("/api/v1/archive/" + entryId + "?purpose=legal-obligations", "Accept", "application/json").statusCode())
                .isEqualTo(200);
        jdbc.sql("UPDATE archive_entry SET keep_until = ? WHERE id = ?").params(today.minusDays(1), UUID.fromString(entryId)).update();
        assertThat(Json.of(adv.http().get(base + "&recordId=" + second.id(), "Accept", "application/json")).path("total").asLong()).isZero();
        assertThat(adv.http().get("/api/v1/archive/" + entryId + "?purpose=legal-obligations", "Accept", "application/json").statusCode())
                .as("past its obligations' end").isEqualTo(404);
    }

    @Test
    @DisplayName("L4 the back office lists the archive's entries in French for the roles an obligation names, reached from the retention page; "
            + "each opening is decided by the decision point under a grant and audited; bad input is a readable message")
    void archiveBrowsedInTheBackOffice() {
        LocalDate from = today.minusYears(3);
        UUID client = inactiveClient("Archivepage", from);
        Invoice invoice = invoice(client, today.minusYears(1));
        run(from.plusYears(3).plusDays(1));
        assertThat(exists(client)).isFalse();

        HttpResponse<String> retention = world.dpo().http().get("/backoffice/conservation", "Accept", "text/html");
        assertThat(retention.body()).contains("href=\"/backoffice/conservation/archive\"");

        assertThat(adv.http().get("/backoffice", "Accept", "text/html").body()).as("sales administration reaches it from its dashboard")
                .contains("href=\"/backoffice/conservation/archive\"");
        HttpResponse<String> landing = adv.http().get("/backoffice/conservation/archive", "Accept", "text/html");
        assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
        assertThat(landing.body()).contains("Archive intermédiaire").contains("Rechercher");
        HttpResponse<String> listed = adv.http().get("/backoffice/conservation/archive?purpose=legal-obligations&formerSubjectId=" + client,
                "Accept", "text/html");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(invoice.id().toString()).contains("Entrées trouvées").doesNotContain("Archivepage");
        UUID entry = jdbc.sql("SELECT id FROM archive_entry WHERE record_id = ?").param(invoice.id()).query(UUID.class).single();
        String open = "/backoffice/conservation/archive/" + entry + "?purpose=legal-obligations";
        assertThat(listed.body()).contains(open.replace("&", "&amp;"));

        HttpResponse<String> withoutGrant = adv.http().get(open, "Accept", "text/html");
        assertThat(withoutGrant.statusCode()).as("opening needs a grant on the former person").isEqualTo(403);
        world.grant(adv, "legal-obligations", Set.of("identity", "contact", "billing"), client);
        HttpResponse<String> opened = adv.http().get(open, "Accept", "text/html");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(opened.body()).contains("Archivepage").contains(invoice.number()).contains("Entrée de l’archive intermédiaire");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE resource_type = 'archive-entry' AND resource_id = ? AND outcome = 'ALLOWED'")
                .param(entry.toString()).query(Long.class).single()).as("the opening is audited").isPositive();
        assertThat(adv.http().get("/backoffice/conservation/archive/" + entry + "?purpose=loyalty-prospecting", "Accept", "text/html").statusCode())
                .isEqualTo(403);

        Staff development = world.staff("development");
        assertThat(development.http().get("/backoffice/conservation/archive", "Accept", "text/html").statusCode()).isEqualTo(403);
        assertThat(development.http().get(open, "Accept", "text/html").statusCode()).isEqualTo(403);

        HttpResponse<String> bad = adv.http().get("/backoffice/conservation/archive?purpose=legal-obligations&recordId=pas-un-id&obligation=",
                "Accept", "text/html");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Référence de l’enregistrement : un identifiant (UUID).").doesNotContain("pas-un-id")
                .doesNotContain("Exception");
    }

    @Test
    @DisplayName("L4 R5.6 L10 an archive entry's page words every code it shows in French and in English (a payment's method, an invoice's status, "
            + "the currency, the country) and lists an order's lines, each line's fields labelled; a product's reference stays as it was")
    void archiveEntryInWords() {
        LocalDate from = today.minusYears(3);
        UUID client = inactiveClient("Archivewords", from);
        Invoice invoice = invoice(client, today.minusYears(1));
        Payment payment = invoices.pay(advActor(), invoice.id(), new Invoices.NewPayment(invoice.amount(), "EUR", today.minusYears(1),
                Payment.Method.DIRECT_DEBIT, null, null));
        world.grant(adv, "orders", Set.of("orders"), client);
        var order = orders.place(advActor(), client, new Orders.NewOrder(from.minusMonths(1), "EUR",
                List.of(new Orders.NewLine("FORMATION_1J", 2, new BigDecimal("450.00")), new Orders.NewLine("GESTAN-DOC", 1, new BigDecimal("30.00")))));
        run(from.plusYears(3).plusDays(1));
        assertThat(exists(client)).isFalse();
        world.grant(adv, "legal-obligations", Set.of("identity", "contact", "billing"), client);
        world.grant(adv, "legal-obligations", Set.of("identity", "contact", "subscriptions", "orders"), client);
        Map<UUID, UUID> entries = new TreeMap<>();
        for (UUID record : List.of(invoice.id(), payment.id(), order.id())) {
            entries.put(record, jdbc.sql("SELECT id FROM archive_entry WHERE record_id = ?").param(record).query(UUID.class).single());
        }
        for (boolean english : List.of(false, true)) {
            String lang = english ? "&lang=en" : "";
            Document paid = page("/backoffice/conservation/archive/" + entries.get(payment.id()) + "?purpose=legal-obligations" + lang);
            assertThat(paid.select("dl.record").text()).contains(english ? "Payment method direct debit" : "Moyen de paiement prélèvement")
                    .contains(english ? "Currency euros" : "Devise euros").doesNotContain("direct-debit", "DIRECT_DEBIT");
            assertThat(paid.select("dl.address").text()).contains("France").doesNotContain(" FR");
            // an address's lines and an order's lines, each by its own words
            assertThat(paid.select("dl.address dt")).extracting(dt -> dt.text()).contains(english ? "Address lines" : "Lignes de l’adresse")
                    .doesNotContain(english ? "Lines" : "Lignes");
            Document billed = page("/backoffice/conservation/archive/" + entries.get(invoice.id()) + "?purpose=legal-obligations" + lang);
            assertThat(billed.select("dl.record").text()).contains(english ? "Status paid" : "État payée")
                    .contains(english ? "Amount 120.00" : "Montant 120,00");
            Document ordered = page("/backoffice/conservation/archive/" + entries.get(order.id()) + "?purpose=legal-obligations" + lang);
            assertThat(ordered.select("dl.record dt")).extracting(dt -> dt.text()).contains(english ? "Order lines" : "Lignes de la commande")
                    .doesNotContain(english ? "Lines" : "Lignes");
            assertThat(ordered.select("dl.record ul.lines li")).extracting(li -> li.text()).containsExactly(
                    english ? "No.: 1 · Product: FORMATION_1J · Quantity: 2 · Unit price: 450.00 · Amount: 900.00"
                            : "N° : 1 · Produit : FORMATION_1J · Quantité : 2 · Prix unitaire : 450,00 · Montant : 900,00",
                    english ? "No.: 2 · Product: GESTAN-DOC · Quantity: 1 · Unit price: 30.00 · Amount: 30.00"
                            : "N° : 2 · Produit : GESTAN-DOC · Quantité : 1 · Prix unitaire : 30,00 · Montant : 30,00");
            for (Document page : List.of(paid, billed, ordered)) {
                assertThat(page.select("main").text()).doesNotContainPattern("\\?\\?[^?\\s]+\\?\\?").doesNotContain("unit_price", "line_no", "product_code");
            }
        }
    }

    Document page(String path) {
        HttpResponse<String> response = adv.http().get(path, "Accept", "text/html");
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }

    UUID awaitHold(UUID invoiceId, boolean active) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<UUID> found = jdbc.sql("SELECT id FROM legal_hold WHERE record_id = ? AND released_at IS " + (active ? "NULL" : "NOT NULL"))
                    .param(invoiceId).query(UUID.class).list();
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + (active ? "active" : "released") + " hold on the invoice");
    }

    @Test
    @DisplayName("R5.6 a run is idempotent: run again as of the same day, it erases nothing more and proves nothing twice")
    void idempotent() {
        UUID prospect = person(SubjectStatus.PROSPECT, "Twice", today.minusYears(1));
        LocalDate asOf = today.plusYears(4);
        Report first = run(asOf);
        assertErased(prospect, first);
        Report second = run(asOf);
        assertThat(second.erased()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_proof WHERE record_hash = ?").param(runs.proofHash(prospect)).query(Long.class).single())
                .isOne();
    }

    @Test
    @DisplayName("R5.6 proofs of erasure, runs and holds hold no personal data: no name, e-mail or phone in their tables")
    void proofsHoldNoPersonalData() {
        UUID prospect = person(SubjectStatus.PROSPECT, "Secretname", today.minusYears(1));
        Report run = run(today.plusYears(4));
        assertErased(prospect, run);
        StringBuilder dump = new StringBuilder();
        for (String table : List.of("erasure_proof", "retention_run", "retention_run_count", "retention_run_held", "legal_hold")) {
            for (Map<String, Object> row : jdbc.sql("SELECT * FROM " + table).query().listOfRows()) {
                row.values().forEach(v -> dump.append(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(v)).append('|'));
            }
        }
        assertThat(dump.toString()).isNotEmpty().doesNotContain("Secretname").doesNotContain("secretname").doesNotContain(EMAIL_DOMAIN)
                .doesNotContain("0611223344").doesNotContain("Dijon").doesNotContain(prospect.toString());
        assertThat(jdbc.sql("SELECT record_hash FROM erasure_proof WHERE run_id = ?").param(run.id()).query(String.class).list())
                .allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{64}"));
        assertThat(jdbc.sql("SELECT reason FROM audit_entry WHERE resource_type = 'retention-run' AND resource_id = ?").param(run.id().toString())
                .query(String.class).single()).as("the run is in the audit log, with codes and counts").contains("erased");
    }

    @Test
    @DisplayName("L7 a card reference is erased 13 months after the debit, with a proof; the payment stays for accounting")
    void cardReferences() {
        UUID client = person(SubjectStatus.CLIENT_ACTIVE, "Cardholder", today);
        Invoice invoice = invoice(client, today.minusMonths(2));
        LocalDate debit = today.minusMonths(1);
        Payment payment = pay(invoice, debit, true);
        run(debit.plusMonths(13));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE id = ? AND card IS NOT NULL").param(payment.id()).query(Long.class).single())
                .as("kept through the 13th month").isOne();
        Report erased = run(debit.plusMonths(13).plusDays(1));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE id = ? AND card IS NULL").param(payment.id()).query(Long.class).single()).isOne();
        assertThat(proofs(erased.id(), "card-reference", payment.id())).isOne();
        assertThat(rule(erased, "card-references").erased()).isGreaterThanOrEqualTo(1);
        assertThat(exists(client)).isTrue();
    }

    @Test
    @DisplayName("R5.6 a hold on an unknown record or person, or with a free-text reason, is refused (problem+json naming the field) and nothing is stored")
    void badHolds() {
        long before = jdbc.sql("SELECT COUNT(*) FROM legal_hold").query(Long.class).single();
        HttpResponse<String> unknownInvoice = world.dpo().http().json("POST", "/api/v1/legal-holds", Json.write(Map.of("kind", "authority-request",
                "recordType", "invoice", "recordId", UUID.randomUUID().toString(), "reason", "police-request")));
        assertThat(unknownInvoice.statusCode()).isEqualTo(400);
        assertThat(unknownInvoice.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(Json.of(unknownInvoice).path("errors").findValuesAsString("field")).containsExactly("recordId");
        HttpResponse<String> unknownPerson = world.dpo().http().json("POST", "/api/v1/legal-holds", Json.write(Map.of("kind", "litigation",
                "subjectId", UUID.randomUUID().toString(), "reason", "tribunal")));
        assertThat(Json.of(unknownPerson).path("errors").findValuesAsString("field")).containsExactly("subjectId");
        UUID prospect = person(SubjectStatus.PROSPECT, "Badhold", today);
        HttpResponse<String> freeText = world.dpo().http().json("POST", "/api/v1/legal-holds", Json.write(Map.of("kind", "sometimes",
                "subjectId", prospect.toString(), "reason", "Mme Badhold owes us money")));
        assertThat(Json.of(freeText).path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("kind", "reason");
        assertThat(freeText.body()).doesNotContain("Badhold");
        assertThat(world.dpo().http().json("POST", "/api/v1/legal-holds/" + UUID.randomUUID() + "/release", "{}").statusCode()).isEqualTo(404);
        assertThat(adv.http().json("POST", "/api/v1/legal-holds", Json.write(Map.of("kind", "litigation", "subjectId", prospect.toString(),
                "reason", "tribunal"))).statusCode()).as("the DPO only").isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM legal_hold").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    @DisplayName("R5.6 one run that erases at a time: while another holds the lock, a run is refused and changes nothing")
    void oneAtATime() {
        var lock = locks.lock(new LockConfiguration(ClockProvider.now(), "retention-run", Duration.ofMinutes(1), Duration.ZERO)).orElseThrow();
        try {
            assertThatThrownBy(() -> run(today)).isInstanceOf(RetentionRuns.RunInProgressException.class);
            assertThat(dryRun(today).status()).as("a dry run needs no lock").isEqualTo(RetentionRuns.Status.COMPLETED);
        } finally {
            lock.unlock();
        }
    }

    @Test
    @DisplayName("R5.6 the forecast counts, per rule and week, what becomes due")
    void forecast() {
        person(SubjectStatus.PROSPECT, "Forecast", today.minusYears(3).plusDays(10));
        List<RetentionRuns.Forecast> forecast = runs.forecast(28);
        RetentionRuns.Forecast prospects = forecast.stream().filter(f -> f.ruleId().equals("prospects")).findFirst().orElseThrow();
        assertThat(prospects.weeks()).hasSize(4);
        assertThat(prospects.weeks().stream().mapToLong(RetentionRuns.Week::becomingDue).sum()).isGreaterThanOrEqualTo(1);
    }
}
