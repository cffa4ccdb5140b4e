package org.charte.retention;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.commerce.Invoice;
import org.charte.commerce.Invoices;
import org.charte.commerce.Payment;
import org.charte.common.Days;
import org.charte.retention.RetentionRuns.Report;
import org.charte.retention.RetentionRuns.Request;
import org.charte.retention.RetentionRuns.Trigger;
import org.charte.retention.internal.IntermediateArchive;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import static org.assertj.core.api.Assertions.assertThat;
import tools.jackson.databind.JsonNode;

/**
 * The DPO's retention page and the runs API, over real HTTP. It shares the retention runs' context
 * (same properties), whose database already sees runs as of far-off days: nothing here counts on
 * another test's people, and the real runs here count as of today only.
 */
@CharteIntegrationTest
@TestPropertySource(properties = "charte.retention.batch-size=7")
@Import(RetentionRunTests.Erased.class)
class RetentionPagesTests {

    static final String PAGE = "/backoffice/conservation";

    @LocalServerPort
    int port;

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Clock clock;
    @Autowired JdbcClient jdbc;
    @Autowired Invoices invoices;
    @Autowired RetentionRuns runs;
    @Autowired LegalHolds holds;
    @Autowired IntermediateArchive archive;
    @Autowired LockProvider locks;

    Relationship world;
    Staff adv;
    Http dpo;
    LocalDate today;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        adv = world.staff("adv");
        dpo = world.dpo().http();
        today = world.today();
    }

    UUID person(SubjectStatus status, String lastName, LocalDate lastContact) {
        return subjects.register(status, new PersonalData(new Identity("M.", lastName, "Dominique", LocalDate.of(1968, 9, 12)),
                new Contacts(List.of(new PostalAddress(List.of("3 place Wilson"), "21000", "Dijon", "FR")),
                        List.of(lastName.toLowerCase(Locale.ROOT) + "@pages.retention.example.org"), List.of("0622334455")), null),
                lastContact);
    }

    Report realRunToday() {
        return runs.run(new Request(today, false, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
    }

    long holdCount() {
        return jdbc.sql("SELECT COUNT(*) FROM legal_hold").query(Long.class).single();
    }

    static long total(RetentionRuns.Forecast f) {
        return f.dueNow() + f.weeks().stream().mapToLong(RetentionRuns.Week::becomingDue).sum();
    }

    Document page(Http http, String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("??").doesNotContain("Exception");
        return Jsoup.parse(response.body());
    }

    @Test
    @DisplayName("R5.6 L10 the DPO's retention page shows the forecast per rule (chart and table), the holds in force and the latest runs, each with its proofs")
    void pageListsForecastHoldsAndRuns() {
        UUID due = person(SubjectStatus.PROSPECT, "Pagedue", today.minusYears(3).minusDays(5));
        person(SubjectStatus.PROSPECT, "Pagesoon", today.minusYears(3).plusDays(20));
        UUID heldPerson = person(SubjectStatus.PROSPECT, "Pageheld", today.minusMonths(2));
        LegalHolds.Hold hold = holds.place(Actor.staff(world.dpo().id()), new LegalHolds.NewHold("authority-request", heldPerson, null, null,
                "judicial-request-77", today.plusYears(2)));
        Report run = realRunToday();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(due).query(Long.class).single()).isZero();

        Document html = page(dpo, PAGE);
        assertThat(html.select("h1").text()).isEqualTo("Conservation et effacement des données");
        assertThat(html.head().select("title").eachText()).containsExactly("Conservation des données");

        // The forecast: a table per rule, and the chart drawn by the server with the same numbers.
        Map<String, Long> expected30 = new HashMap<>();
        runs.forecast(30).forEach(f -> expected30.put(f.ruleId(), total(f)));
        Element prospects = html.selectFirst("table.forecast tr[data-rule=prospects]");
        assertThat(prospects).isNotNull();
        assertThat(Long.parseLong(prospects.selectFirst("td[data-days=30]").text())).isEqualTo(expected30.get("prospects")).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(prospects.selectFirst("td[data-days=365]").text())).isGreaterThanOrEqualTo(expected30.get("prospects"));
        assertThat(html.select("table.forecast tbody tr").eachAttr("data-rule"))
                .as("every rule the run applies, hosted databases due for destruction included")
                .containsAll(expected30.keySet()).contains("prospects", "inactive-clients", "hosted-production-data");
        assertThat(html.select("table.forecast tbody tr").eachAttr("data-rule"))
                .as("navigation data (R5.4, L8: the beacon's, 25 months at most)")
                .contains("navigation-data").as("the proofs of cookie choices (L3)").contains("personalisation-cookies");
        Element chart = html.selectFirst("figure.chart");
        assertThat(chart).isNotNull();
        assertThat(chart.selectFirst("#forecast-title").text()).isEqualTo("Effacements à venir par règle de conservation");
        assertThat(chart.select("li.rule")).hasSize(expected30.size());
        assertThat(chart.select("li.rule svg[role=img]")).hasSize(expected30.size());
        assertThat(chart.select("li.rule rect.bar")).hasSize(expected30.size() * 3);
        assertThat(chart.select("li.rule rect title").eachText()).anySatisfy(t -> assertThat(t).endsWith("sous 30 jours : " + expected30.get("prospects")));
        assertThat(chart.select("li.rule")).as("R5.6 L10 each rule by its name, never its id").allSatisfy(rule ->
                assertThat(rule.selectFirst(".chart-label").text()).isNotEqualTo(rule.attr("data-rule")));
        assertThat(chart.select("li.rule[data-rule=archive] .chart-label").text()).startsWith("Archive intermédiaire");
        assertThat(html.select("script")).extracting(e -> e.attr("src")).as("no script draws the chart: the only ones are the layout's")
                .containsExactly("/js/charte.js", "/consent/v1/consent.js");

        // The holds in force: kind, what it covers (ids), reason code, dates.
        Element row = html.selectFirst("table.holds tr[data-hold=" + hold.id() + "]");
        assertThat(row).isNotNull();
        assertThat(row.text()).contains("Demande d’une autorité", heldPerson.toString().substring(0, 8), "judicial-request-77", Days.day(today, Locale.FRENCH),
                Days.day(today.plusYears(2), Locale.FRENCH));
        assertThat(row.select("form[action$=/levee] input[name=_csrf]")).hasSize(1);

        // The latest runs, with a link to each run's page and its proofs.
        Element runRow = html.selectFirst("table.runs tr[data-run=" + run.id() + "]");
        assertThat(runRow).isNotNull();
        assertThat(runRow.text()).contains(Days.day(today, Locale.FRENCH), "réelle", "API", "terminée", "Prospects : ensemble des données de prospection : 1 échus, 1 effacés");
        assertThat(html.text()).contains("./charte retention run");
        String link = runRow.selectFirst("a").attr("href");
        assertThat(link).isEqualTo("/backoffice/conservation/executions/" + run.id());

        Document runPage = page(dpo, link);
        assertThat(runPage.selectFirst("dd.mode").text()).isEqualTo("réelle");
        assertThat(Long.parseLong(runPage.selectFirst("table.counts tr[data-rule=prospects] td.erased").text())).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(runPage.selectFirst("table.counts tr[data-rule=prospects] td.held").text())).isGreaterThanOrEqualTo(0);
        assertThat(runPage.select("table.proofs tbody tr")).anySatisfy(proof -> {
            assertThat(proof.text()).contains("Prospects", "Personne", Days.day(today, Locale.FRENCH)).doesNotContain("subject");
            assertThat(proof.selectFirst("td.hash").text()).isEqualTo(runs.proofHash(due));
        });
        assertThat(runPage.text()).doesNotContain("Pagedue").doesNotContain("pagedue@");

        Document english = page(dpo, PAGE + "?lang=en");
        assertThat(english.select("h1").text()).isEqualTo("Data retention and erasure");
        assertThat(english.selectFirst("figure.chart #forecast-title").text()).isEqualTo("Coming erasures per retention rule");
        assertThat(page(dpo, "/backoffice").select("a[href=/backoffice/conservation]")).as("linked from the DPO's bar (L10)").hasSize(1);
    }

    @Test
    @DisplayName("R5.6 the DPO places and releases a legal hold from the page; bad input gets a readable message in the page's language and stores nothing")
    void placeAndReleaseFromThePage() {
        UUID person = person(SubjectStatus.PROSPECT, "Pagehold", today.minusMonths(1));
        String csrf = dpo.csrfFrom(PAGE);

        HttpResponse<String> placed = dpo.postForm(PAGE + "/blocages", Map.of("_csrf", csrf, "kind", "litigation", "subjectId", person.toString(),
                "recordType", "", "recordId", "", "reason", "litige-prud-2026", "endsOn", today.plusYears(1).toString()));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(302);
        LegalHolds.Hold hold = holds.activeFor(List.of(person), today).stream().findFirst().orElseThrow();
        assertThat(hold.kind()).isEqualTo(LegalHolds.Kind.LITIGATION);
        assertThat(hold.reasonCode()).isEqualTo("litige-prud-2026");
        assertThat(hold.endsOn()).isEqualTo(today.plusYears(1));
        assertThat(hold.placedBy()).isEqualTo("staff:" + world.dpo().id());
        Document after = page(dpo, placed.headers().firstValue("Location").orElseThrow().replace("http://localhost:" + port, ""));
        assertThat(after.select("p.notice").text()).isEqualTo("Blocage (réf. " + hold.id().toString().substring(0, 8) + ") posé.");
        assertThat(after.select("table.holds tr[data-hold=" + hold.id() + "]").text()).contains("Contentieux", person.toString().substring(0, 8), world.dpo().member().displayName());

        long before = holdCount();
        HttpResponse<String> bad = dpo.postForm(PAGE + "/blocages", Map.of("_csrf", csrf, "kind", "litigation", "subjectId", "jean.dupont",
                "reason", "Because he said so", "endsOn", "2026-02-30"));
        assertThat(bad.statusCode()).isEqualTo(400);
        Document refused = Jsoup.parse(bad.body());
        assertThat(refused.select("div.error p").first().text()).isEqualTo("Le blocage n’a pas été posé ; rien n’a été enregistré :");
        assertThat(refused.select("div.error p[data-field]").eachAttr("data-field")).containsExactlyInAnyOrder("subjectId", "endsOn");
        assertThat(refused.select("input[name=reason]").attr("value")).as("the form comes back filled").isEqualTo("Because he said so");
        assertThat(bad.body()).doesNotContain("Exception").doesNotContain("at org.");

        HttpResponse<String> unknown = dpo.postForm(PAGE + "/blocages?lang=en", Map.of("_csrf", csrf, "kind", "authority-request",
                "subjectId", UUID.randomUUID().toString(), "reason", "Because he said so"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        Document english = Jsoup.parse(unknown.body());
        assertThat(english.select("div.error p[data-field]").eachAttr("data-field")).containsExactlyInAnyOrder("subjectId", "reason");
        assertThat(english.select("div.error").text()).contains("The hold was not placed; nothing was stored",
                "Person: the id (UUID) of a known person", "Reason code: 2 to 60 lower-case letters");
        HttpResponse<String> noInvoice = dpo.postForm(PAGE + "/blocages", Map.of("_csrf", csrf, "kind", "unpaid-invoice",
                "recordType", "invoice", "recordId", UUID.randomUUID().toString(), "reason", "facture-impayee"));
        assertThat(noInvoice.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(noInvoice.body()).select("div.error p[data-field]").eachAttr("data-field")).containsExactly("recordId");
        assertThat(holdCount()).as("nothing stored").isEqualTo(before);

        HttpResponse<String> released = dpo.postForm(PAGE + "/blocages/" + hold.id() + "/levee", Map.of("_csrf", csrf));
        assertThat(released.statusCode()).isEqualTo(302);
        assertThat(holds.find(hold.id()).orElseThrow().releasedAt()).isNotNull();
        assertThat(holds.find(hold.id()).orElseThrow().releasedBy()).isEqualTo("staff:" + world.dpo().id());
        assertThat(page(dpo, PAGE).select("table.holds tr[data-hold=" + hold.id() + "]")).as("no longer in force").isEmpty();
        HttpResponse<String> again = dpo.postForm(PAGE + "/blocages/" + hold.id() + "/levee", Map.of("_csrf", csrf));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(again.body()).select("div.error").text()).contains("Le blocage n’a pas été levé", "déjà levé");

        // An administrator reads the page, without its forms; the forms are the DPO's.
        Staff administrator = world.staff("administrator");
        Document read = page(administrator.http(), PAGE);
        assertThat(read.select("form.hold, form.dry-run, form[action$=/levee]")).isEmpty();
        assertThat(administrator.http().postForm(PAGE + "/blocages", Map.of("_csrf", administrator.http().csrfFrom("/backoffice"),
                "kind", "litigation", "subjectId", person.toString(), "reason", "litige")).statusCode()).isEqualTo(403);
        assertThat(adv.http().get(PAGE).statusCode()).isEqualTo(403);
        assertThat(holdCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("R5.6 a dry run started from the page as of a chosen day changes nothing and shows what legal holds keep; a bad day gets a message")
    void dryRunFromThePage() {
        UUID kept = person(SubjectStatus.PROSPECT, "Pagedrykept", today.minusYears(1));
        LegalHolds.Hold hold = holds.place(Actor.staff(world.dpo().id()), new LegalHolds.NewHold("litigation", kept, null, null, "litige-2027",
                null));
        LocalDate asOf = today.plusYears(3);
        String csrf = dpo.csrfFrom(PAGE);

        HttpResponse<String> started = dpo.postForm(PAGE + "/simulations", Map.of("_csrf", csrf, "asOf", asOf.toString()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow().replace("http://localhost:" + port, "");
        assertThat(location).startsWith("/backoffice/conservation/executions/");
        Document run = page(dpo, location);
        assertThat(run.selectFirst("dd.mode").text()).isEqualTo("simulation");
        assertThat(run.selectFirst("dd.status").text()).isEqualTo("terminée");
        assertThat(run.select("h1").text()).contains(Days.day(asOf, Locale.FRENCH));
        assertThat(run.select("table.held tbody tr")).anySatisfy(row -> assertThat(row.text()).contains("Prospects", kept.toString().substring(0, 8),
                "Contentieux", "litige-2027").doesNotContain(kept.toString()));
        assertThat(run.select("table.proofs")).as("a dry run leaves no proof").isEmpty();
        assertThat(holds.find(hold.id()).orElseThrow().releasedAt()).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(kept).query(Long.class).single()).isOne();
        UUID runId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertThat(runs.find(runId).orElseThrow().trigger()).isEqualTo(Trigger.BACKOFFICE);

        HttpResponse<String> bad = dpo.postForm(PAGE + "/simulations", Map.of("_csrf", csrf, "asOf", "31/12/2030"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(bad.body()).select("div.error").text()).contains("La simulation n’a pas été lancée", "AAAA-MM-JJ");
        assertThat(dpo.get("/backoffice/conservation/executions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("R5.6 what a legal hold kept is stored with the run and shown for any run, dry or real")
    void heldItemsStoredWithEveryRun() {
        UUID kept = person(SubjectStatus.PROSPECT, "Pagekeptstored", today.minusYears(4));
        LocalDate end = today.plusYears(2);
        LegalHolds.Hold hold = holds.place(Actor.staff(world.dpo().id()), new LegalHolds.NewHold("authority-request", kept, null, null,
                "judicial-request-88", end));
        Report dry = runs.run(new Request(today, true, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
        Report real = realRunToday();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(kept).query(Long.class).single()).as("kept").isOne();

        for (Report made : List.of(dry, real)) {
            Report found = runs.find(made.id()).orElseThrow();
            for (List<RetentionRuns.HeldItem> items : List.of(found.held(), runs.held(made.id(), 1000))) {
                assertThat(items).as(made.dryRun() ? "dry run, reloaded" : "real run, reloaded").anySatisfy(item -> {
                    assertThat(item.ruleId()).isEqualTo("prospects");
                    assertThat(item.recordType()).isEqualTo("subject");
                    assertThat(item.recordId()).isEqualTo(kept);
                    assertThat(item.subjectId()).isEqualTo(kept);
                    assertThat(item.holdId()).isEqualTo(hold.id());
                    assertThat(item.kind()).isEqualTo(LegalHolds.Kind.AUTHORITY_REQUEST);
                    assertThat(item.reasonCode()).isEqualTo("judicial-request-88");
                    assertThat(item.endsOn()).isEqualTo(end);
                });
            }
            assertThat(found.held()).as("stored as counted").hasSize((int) Math.min(found.heldCount(), 1000));
            assertThat(runs.recent(5)).allSatisfy(r -> assertThat(r.held()).as("the list of runs does not load them").isEmpty());

            HttpResponse<String> api = dpo.get("/api/v1/retention/runs/" + made.id(), "Accept", "application/json");
            assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
            JsonNode body = Json.of(api);
            assertThat(body.path("heldTruncated").asBoolean()).isFalse();
            assertThat(body.path("heldItems").valueStream().filter(n -> n.path("holdId").asString().equals(hold.id().toString())).toList())
                    .singleElement().satisfies(n -> {
                        assertThat(n.path("recordId").asString()).isEqualTo(kept.toString());
                        assertThat(n.path("kind").asString()).isEqualTo("AUTHORITY_REQUEST");
                        assertThat(n.path("reasonCode").asString()).isEqualTo("judicial-request-88");
                        assertThat(n.path("endsOn").asString()).isEqualTo(end.toString());
                    });

            Document run = page(dpo, "/backoffice/conservation/executions/" + made.id());
            assertThat(run.select("table.held tbody tr")).anySatisfy(row -> assertThat(row.text()).contains("Prospects", kept.toString().substring(0, 8),
                    hold.id().toString().substring(0, 8), "Demande d’une autorité", "judicial-request-88", Days.day(end, Locale.FRENCH))
                    .doesNotContain(kept.toString(), hold.id().toString()));
            assertThat(run.select("p.held-truncated")).isEmpty();
        }
        assertThat(dpo.get("/api/v1/retention/runs/" + real.id() + "?held=0", "Accept", "application/json").statusCode()).isEqualTo(400);
        holds.release(Actor.staff(world.dpo().id()), hold.id());
    }

    @Test
    @DisplayName("L4 the retention page shows what the intermediate archive holds per obligation, without personal data")
    void archiveSummary() {
        LocalDate from = today.minusYears(10).minusDays(3);
        UUID client = person(SubjectStatus.CLIENT_INACTIVE, "Pagearchive", from);
        subjects.contractsEnded(client, from);
        Actor advActor = Actor.staff(adv.id());
        world.grant(adv, "billing", Set.of("billing"), client);
        Invoice last = invoices.issue(advActor, client, new Invoices.NewInvoice(today.minusYears(1), today.minusYears(1).plusDays(30),
                new BigDecimal("240.00"), "EUR", null, null));
        invoices.pay(advActor, last.id(), new Invoices.NewPayment(last.amount(), "EUR", today.minusYears(1), Payment.Method.TRANSFER, null, null));
        realRunToday();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM archive_entry WHERE subject_id = ?").param(client).query(Long.class).single()).isEqualTo(2);

        Document html = page(dpo, PAGE);
        IntermediateArchive.ObligationSummary accounting = archive.summary().stream().filter(s -> s.obligationId().equals("accounting"))
                .findFirst().orElseThrow();
        Element row = html.selectFirst("table.archive tr[data-obligation=accounting]");
        assertThat(row).isNotNull();
        assertThat(row.text()).contains("Obligation comptable", "C. com. art. L123-22", "Facture : ", "Paiement : ");
        assertThat(Long.parseLong(row.selectFirst("td.entries").text())).isEqualTo(accounting.entries()).isGreaterThanOrEqualTo(2);
        assertThat(row.text()).contains(Days.day(accounting.newestKeepUntil(), Locale.FRENCH));
        assertThat(html.select("table.archive").text()).doesNotContain("Pagearchive").doesNotContain(last.number());
        assertThat(page(dpo, PAGE + "?lang=en").selectFirst("table.archive tr[data-obligation=accounting]").text())
                .contains("Accounting obligation");
    }

    @Test
    @DisplayName("R5.6 the runs API: recent runs, a run with its proofs, a dry run or (the DPO in person) a real one, 409 while another runs, the forecast; bad input named in problem+json")
    void runsApi() {
        UUID due = person(SubjectStatus.PROSPECT, "Apidue", today.minusYears(3).minusDays(2));

        HttpResponse<String> forecast = dpo.get("/api/v1/retention/forecast?days=90", "Accept", "application/json");
        assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(200);
        JsonNode f = Json.of(forecast);
        assertThat(f.path("days").asInt()).isEqualTo(90);
        assertThat(f.path("until").asString()).isEqualTo(today.plusDays(90).toString());
        assertThat(f.path("rules").findValuesAsString("ruleId")).contains("prospects", "hosted-production-data", "personalisation-cookies",
                "navigation-data");
        for (String days : List.of("0", "366", "abc")) {
            HttpResponse<String> refused = dpo.get("/api/v1/retention/forecast?days=" + days, "Accept", "application/json");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(Json.of(refused).path("errors").findValuesAsString("field")).containsExactly("days");
        }

        HttpResponse<String> badDate = dpo.json("POST", "/api/v1/retention/runs", Json.write(Map.of("asOf", "2026-02-30", "dryRun", true)));
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(Json.of(badDate).path("errors").findValuesAsString("field")).containsExactly("asOf");
        HttpResponse<String> ahead = dpo.json("POST", "/api/v1/retention/runs", Json.write(Map.of("asOf", today.plusDays(1).toString(), "dryRun", false)));
        assertThat(ahead.statusCode()).as("a real run never counts ahead of today").isEqualTo(400);
        assertThat(Json.of(ahead).path("errors").findValuesAsString("field")).containsExactly("asOf");

        HttpResponse<String> dry = dpo.json("POST", "/api/v1/retention/runs", "{}");
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(201);
        assertThat(Json.of(dry).path("dryRun").asBoolean()).as("dry unless asked otherwise").isTrue();
        assertThat(Json.of(dry).path("asOf").asString()).isEqualTo(today.toString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(due).query(Long.class).single()).isOne();

        var lock = locks.lock(new LockConfiguration(ClockProvider.now(), "retention-run", Duration.ofMinutes(1), Duration.ZERO)).orElseThrow();
        try {
            HttpResponse<String> busy = dpo.json("POST", "/api/v1/retention/runs", Json.write(Map.of("asOf", today.toString(), "dryRun", false)));
            assertThat(busy.statusCode()).isEqualTo(409);
            assertThat(busy.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(dpo.json("POST", "/api/v1/retention/runs", Json.write(Map.of("dryRun", true))).statusCode()).as("a dry run needs no lock")
                    .isEqualTo(201);
        } finally {
            lock.unlock();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(due).query(Long.class).single()).isOne();

        HttpResponse<String> real = dpo.json("POST", "/api/v1/retention/runs", Json.write(Map.of("asOf", today.toString(), "dryRun", false)));
        assertThat(real.statusCode()).as(real.body()).isEqualTo(201);
        JsonNode made = Json.of(real);
        assertThat(made.path("dryRun").asBoolean()).isFalse();
        assertThat(made.path("status").asString()).isEqualTo("completed");
        assertThat(made.path("trigger").asString()).isEqualTo("api");
        String runId = made.path("id").asString();
        assertThat(real.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/retention/runs/" + runId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(due).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'retention-run-requested' AND resource_id = ? AND actor = ?")
                .params(runId, "staff:" + world.dpo().id()).query(Long.class).single()).as("who asked, in the audit log").isOne();

        JsonNode one = Json.of(dpo.get("/api/v1/retention/runs/" + runId + "?proofs=1", "Accept", "application/json"));
        assertThat(one.path("proofs").size()).isEqualTo(1);
        assertThat(one.path("rules").findValuesAsString("ruleId")).contains("prospects");
        JsonNode all = Json.of(dpo.get("/api/v1/retention/runs/" + runId + "?proofs=10000", "Accept", "application/json"));
        assertThat(all.path("proofs").findValuesAsString("recordHash")).contains(runs.proofHash(due));
        assertThat(all.path("proofsTruncated").asBoolean()).isFalse();
        assertThat(all.toString()).doesNotContain("Apidue").doesNotContain("apidue@");
        assertThat(dpo.get("/api/v1/retention/runs/" + UUID.randomUUID(), "Accept", "application/json").statusCode()).isEqualTo(404);
        assertThat(dpo.get("/api/v1/retention/runs/not-a-run", "Accept", "application/json").statusCode()).isEqualTo(400);
        assertThat(Json.of(dpo.get("/api/v1/retention/runs?limit=5", "Accept", "application/json")).findValuesAsString("id")).contains(runId);
        assertThat(dpo.get("/api/v1/retention/runs?limit=0", "Accept", "application/json").statusCode()).isEqualTo(400);

        // A DPO's token: reads and starts dry runs with its scopes; a real run is for the DPO in person.
        HttpResponse<String> issued = world.staff("administrator").http().json("POST", "/api/v1/tokens",
                Json.write(Map.of("name", "dpo-tooling", "role", "dpo", "scopes", Set.of("retention:read", "retention:run"))));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String[] bearer = {"Authorization", "Bearer " + Json.of(issued).path("secret").asString()};
        Http tool = new Http(port);
        assertThat(tool.get("/api/v1/retention/forecast?days=365", bearer).statusCode()).isEqualTo(200);
        assertThat(tool.json("POST", "/api/v1/retention/runs", Json.write(Map.of("dryRun", true)), bearer).statusCode()).isEqualTo(201);
        assertThat(tool.json("POST", "/api/v1/retention/runs", Json.write(Map.of("dryRun", false)), bearer).statusCode()).isEqualTo(403);
        assertThat(adv.http().get("/api/v1/retention/runs", "Accept", "application/json").statusCode()).isEqualTo(403);
    }
}
