package org.charte.registers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.policy.CurrentPolicy;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.charte.testing.TaggedPdfChecks;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.audit.AuditLog;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The breach register over real HTTP, on the real database, its mails caught by GreenMail (L6). */
class BreachRegisterTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired CurrentPolicy policy;
    @Autowired BreachDeadlineCheck checks;
    @Autowired BreachLetters letters;
    @Autowired BreachRegister register;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff dpo;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
    }

    static Map<String, Object> breach(String title, Instant discoveredAt, List<String> categories) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("discoveredAt", discoveredAt.toString());
        body.put("discoveredHow", "An alert of the intrusion detection system");
        body.put("nature", List.of("confidentiality"));
        body.put("categories", categories);
        body.put("approximatePeople", 2);
        body.put("approximateRecords", 40);
        body.put("consequences", "Phishing with the names and addresses read");
        body.put("measuresTaken", "Account locked, tokens revoked");
        body.put("measuresPlanned", "Second factor by security key for support staff");
        return body;
    }

    JsonNode post(Staff staff, String path, Object body, int status) {
        HttpResponse<String> response = staff.http().json("POST", path, Json.write(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.of(response);
    }

    UUID record(String title, Instant discoveredAt) {
        return UUID.fromString(post(dpo, "/api/v1/breaches", breach(title, discoveredAt, List.of("identity", "contact")), 201)
                .get("id").asString());
    }

    @Test
    @DisplayName("L6 the DPO records a breach with the policy's categories; an unknown category or a too long field is refused, named, not echoed")
    void records() {
        HttpResponse<String> refused = dpo.http().json("POST", "/api/v1/breaches",
                Json.write(breach("x".repeat(201), clock.instant(), List.of("identity", "shoe-size-secret"))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(refused.body()).contains("categories[1]", "title").doesNotContain("shoe-size-secret", "xxxxxxxx");
        assertThat(dpo.http().json("POST", "/api/v1/breaches", "{}").statusCode()).isEqualTo(400);

        String title = "Lost laptop " + UUID.randomUUID();
        UUID id = record(title, clock.instant().minus(Duration.ofHours(1)));
        JsonNode one = Json.of(dpo.http().get("/api/v1/breaches/" + id, "Accept", "application/json")).get("breach");
        assertThat(one.get("categories").toString()).contains("identity", "contact");
        assertThat(one.get("clock").asString()).isEqualTo("running");
        assertThat(one.get("dueAt").asString()).isNotBlank();

        // Only the DPO.
        Staff adv = world.staff("adv");
        assertThat(adv.http().get("/api/v1/breaches", "Accept", "application/json").statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("L6 near-due and overdue flags; the CNIL notified late needs reasons; no risk stops the clock, recorded with its reasons")
    void clockAndAssessment() {
        String title = "Misdirected export " + UUID.randomUUID();
        UUID id = record(title, clock.instant().minus(Duration.ofHours(50)));
        JsonNode listed = find(Json.of(dpo.http().get("/api/v1/breaches", "Accept", "application/json")), id);
        assertThat(listed.get("nearDue").asBoolean()).isTrue();
        assertThat(listed.get("overdue").asBoolean()).isFalse();
        // The DPO's desk lists it among what is due, by its title, linking to it.
        String desk = dpo.http().get("/backoffice/bureau-dpo").body();
        assertThat(desk).contains("Violations à notifier à la CNIL", title, "/backoffice/violations/" + id);

        // Notifying needs a risk assessed first.
        assertThat(dpo.http().json("POST", "/api/v1/breaches/" + id + "/notifications", "{}").body()).contains("\"risk\"");
        post(dpo, "/api/v1/breaches/" + id + "/assessments", Map.of("risk", "high", "reasons", "Passwords in clear text"), 200);

        // (The clock is not moved here: a session ends 8 hours after sign-in.)
        id = record(title, clock.instant().minus(Duration.ofHours(73)));
        post(dpo, "/api/v1/breaches/" + id + "/assessments", Map.of("risk", "high", "reasons", "Passwords in clear text"), 200);
        listed = find(Json.of(dpo.http().get("/api/v1/breaches", "Accept", "application/json")), id);
        assertThat(listed.get("overdue").asBoolean()).isTrue();
        assertThat(listed.get("nearDue").asBoolean()).isFalse();

        HttpResponse<String> late = dpo.http().json("POST", "/api/v1/breaches/" + id + "/notifications", Json.write(Map.of("kind", "initial")));
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("reasonsForDelay");
        JsonNode notified = post(dpo, "/api/v1/breaches/" + id + "/notifications",
                Map.of("kind", "initial", "reasonsForDelay", "The scope was known on day 3", "cnilReference", "CNIL-2026-0042"), 200);
        assertThat(notified.get("clock").asString()).isEqualTo("stopped");
        assertThat(dpo.http().get("/backoffice/bureau-dpo").body()).as("a notified breach's clock stopped: off the desk")
                .doesNotContain("/backoffice/violations/" + id);
        assertThat(notified.get("notifiedLate").asBoolean()).isTrue();
        post(dpo, "/api/v1/breaches/" + id + "/notifications", Map.of("kind", "complementary"), 200);
        JsonNode detail = Json.of(dpo.http().get("/api/v1/breaches/" + id, "Accept", "application/json"));
        List<String> kinds = new ArrayList<>();
        detail.get("history").forEach(s -> kinds.add(s.get("kind").asString()));
        assertThat(kinds).containsExactly("recorded", "assessed", "notified-initial", "notified-complementary");

        UUID harmless = record("Printer jam " + UUID.randomUUID(), clock.instant().minus(Duration.ofHours(80)));
        post(dpo, "/api/v1/breaches/" + harmless + "/assessments", Map.of("risk", "none", "reasons", "Encrypted backup tape, key safe"), 200);
        JsonNode stopped = find(Json.of(dpo.http().get("/api/v1/breaches", "Accept", "application/json")), harmless);
        assertThat(stopped.get("overdue").asBoolean()).isFalse();
        assertThat(stopped.get("riskReasons").asString()).isEqualTo("Encrypted backup tape, key safe");
    }

    static JsonNode find(JsonNode list, UUID id) {
        for (JsonNode node : list) {
            if (node.get("id").asString().equals(id.toString())) {
                return node;
            }
        }
        throw new AssertionError("not listed: " + id);
    }

    List<String> dpoMailsAbout(String title) {
        return MailServer.to(policy.policy().dpo().email()).stream().map(m -> text(m)).filter(t -> t.contains(title)).toList();
    }

    static String text(MimeMessage message) {
        try {
            return message.getSubject() + "\n" + message.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("L6 the DPO is mailed once when a breach becomes near due and once when it is overdue, through the outbox")
    void mailsTheDpo() throws Exception {
        String title = "Ransomware on file server " + UUID.randomUUID();
        record(title, clock.instant().minus(Duration.ofHours(47)));
        checks.check();
        checks.check();
        Thread.sleep(300);
        assertThat(dpoMailsAbout(title)).isEmpty();

        clock.advance(Duration.ofHours(2));
        checks.check();
        checks.check();
        awaitMails(title, 1);
        assertThat(dpoMailsAbout(title).getFirst()).contains("notification à la CNIL due", "CNIL notification due");

        clock.advance(Duration.ofHours(24));
        checks.check();
        checks.check();
        awaitMails(title, 2);
        assertThat(dpoMailsAbout(title).get(1)).contains("72 h dépassé", "deadline passed", "reasons for the delay");
        Thread.sleep(300);
        assertThat(dpoMailsAbout(title)).hasSize(2);
    }

    void awaitMails(String title, int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until && dpoMailsAbout(title).size() < count) {
            Thread.sleep(50);
        }
        assertThat(dpoMailsAbout(title)).hasSize(count);
    }

    HttpResponse<String> read(Staff staff, UUID subject) {
        return staff.http().get("/api/v1/subjects/" + subject + "?purpose=customer-service&categories=identity", "Accept", "application/json");
    }

    @Test
    @DisplayName("L6 a compromised staff account: one action locks it, ends its session and lists exactly the people it read in the window")
    void compromisedAccount() throws Exception {
        Staff suspect = world.staff("adv");
        Staff colleague = world.staff("adv");
        UUID first = world.adultProspect();
        UUID second = world.adultProspect();
        UUID later = world.adultProspect();
        UUID other = world.adultProspect();
        for (UUID person : List.of(first, second, later)) {
            world.grant(suspect, "customer-service", Set.of("identity"), person);
        }
        world.grant(colleague, "customer-service", Set.of("identity"), other);

        Instant from = clock.instant();
        Thread.sleep(5);
        assertThat(read(suspect, first).statusCode()).isEqualTo(200);
        assertThat(read(suspect, second).statusCode()).isEqualTo(200);
        assertThat(read(suspect, first).statusCode()).isEqualTo(200);
        assertThat(read(colleague, other).statusCode()).isEqualTo(200);
        Thread.sleep(5);
        Instant to = clock.instant();
        Thread.sleep(5);
        assertThat(read(suspect, later).statusCode()).isEqualTo(200);

        UUID id = record("Support account phished " + UUID.randomUUID(), from);
        JsonNode locked = post(dpo, "/api/v1/breaches/" + id + "/compromised-actor",
                Map.of("actorKind", "staff", "actorId", suspect.id().toString(), "from", from.toString(), "to", to.toString()), 200);
        assertThat(locked.get("actor").asString()).isEqualTo("staff:" + suspect.id());
        assertThat(locked.get("accountLocked").asBoolean()).isTrue();

        JsonNode people = Json.of(dpo.http().get("/api/v1/breaches/" + id + "/people", "Accept", "application/json"));
        List<String> ids = new ArrayList<>();
        people.get("subjectIds").forEach(n -> ids.add(n.asString()));
        assertThat(ids).containsExactly(first.toString(), second.toString());

        // Its session has ended; it cannot sign in again; the colleague goes on.
        HttpResponse<String> after = read(suspect, first);
        assertThat(after.statusCode()).isIn(302, 401);
        assertThat(suspect.http().get("/backoffice").statusCode()).isEqualTo(302);
        assertThat(new Http(port).password(suspect.member().login(), Staff.PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("error"));
        assertThat(read(colleague, other).statusCode()).isEqualTo(200);

        // The lock is audited as the DPO's act.
        JsonNode detail = Json.of(dpo.http().get("/api/v1/breaches/" + id, "Accept", "application/json"));
        assertThat(detail.get("breach").get("compromisedActor").asString()).isEqualTo("staff:" + suspect.id());
    }

    @Test
    @DisplayName("L6 the back-office register in French and English: list with the clock's flags, record form, refusal in words")
    void pages() {
        String title = "Vol de badge " + UUID.randomUUID();
        UUID id = record(title, clock.instant().minus(Duration.ofHours(60)));
        HttpResponse<String> dashboard = dpo.http().get("/backoffice");
        assertThat(dashboard.body()).contains("/backoffice/violations", ">Violations<");
        HttpResponse<String> list = dpo.http().get("/backoffice/violations");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(title, "Échéance proche", "Inscrire une violation", "Identité");
        HttpResponse<String> english = dpo.http().get("/backoffice/violations?lang=en");
        assertThat(english.body()).contains(title, "Near due", "Record a breach");
        HttpResponse<String> page = dpo.http().get("/backoffice/violations/" + id);
        assertThat(page.body()).contains(title, "Test dpo", "Évaluer le risque");

        String csrf = dpo.http().csrfFrom("/backoffice/violations");
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("_csrf", List.of(csrf));
        form.put("title", List.of("Phishing " + UUID.randomUUID()));
        form.put("discoveredAt", List.of("2026-01-05T10:30"));
        form.put("discoveredHow", List.of("A client called"));
        form.put("nature", List.of("confidentiality", "integrity"));
        form.put("categories", List.of("identity", "unknown-category"));
        form.put("approximatePeople", List.of("12"));
        form.put("approximateRecords", List.of("ten"));
        form.put("consequences", List.of("Phishing"));
        form.put("measuresTaken", List.of("Password reset"));
        form.put("measuresPlanned", List.of("Training"));
        HttpResponse<String> refused = dpo.http().raw("POST", "/backoffice/violations", "application/x-www-form-urlencoded",
                encode(form).getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("a été enregistré", "Catégories de données concernées", "enregistrements concernés")
                .doesNotContain("unknown-category");

        form.put("categories", List.of("identity"));
        form.put("approximateRecords", List.of("30"));
        HttpResponse<String> recorded = dpo.http().raw("POST", "/backoffice/violations", "application/x-www-form-urlencoded",
                encode(form).getBytes(StandardCharsets.UTF_8));
        assertThat(recorded.statusCode()).isEqualTo(302);
        assertThat(dpo.http().get(recorded.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body())
                .contains("Délai dépassé");
    }

    static String encode(Map<String, List<String>> form) {
        return form.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }

    UUID person(String email) {
        return subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "TESTEUSE", "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(), List.of(email), List.of()), null), world.today());
    }

    static String email() {
        return "breach-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    @DisplayName("L6 L10 Art. 34: the letters go through the outbox to exactly the people the compromised account read in the window, audited; how they were told is a code on the API, words on the page")
    void letters() throws Exception {
        Staff suspect = world.staff("adv");
        String a = email();
        String b = email();
        String outside = email();
        UUID first = person(a);
        UUID second = person(b);
        UUID later = person(outside);
        for (UUID person : List.of(first, second, later)) {
            world.grant(suspect, "customer-service", Set.of("identity"), person);
        }
        Instant from = clock.instant();
        Thread.sleep(5);
        assertThat(read(suspect, first).statusCode()).isEqualTo(200);
        assertThat(read(suspect, second).statusCode()).isEqualTo(200);
        Thread.sleep(5);
        Instant to = clock.instant();
        Thread.sleep(5);
        assertThat(read(suspect, later).statusCode()).isEqualTo(200);

        UUID id = record("Support account misused " + UUID.randomUUID(), from);
        post(dpo, "/api/v1/breaches/" + id + "/compromised-actor",
                Map.of("actorKind", "staff", "actorId", suspect.id().toString(), "from", from.toString(), "to", to.toString()), 200);
        // Not a high risk yet: nobody is told.
        post(dpo, "/api/v1/breaches/" + id + "/assessments", Map.of("risk", "risk", "reasons", "Names only"), 200);
        assertThat(dpo.http().json("POST", "/api/v1/breaches/" + id + "/letters", "{}").statusCode()).isEqualTo(400);
        post(dpo, "/api/v1/breaches/" + id + "/assessments", Map.of("risk", "high", "reasons", "Addresses and phones, phishing likely"), 200);
        JsonNode sent = post(dpo, "/api/v1/breaches/" + id + "/letters", Map.of(), 200);
        assertThat(sent.get("mailed").asInt()).isEqualTo(2);

        String letter = MailServer.latest(a, "incident de sécurité");
        assertThat(letter).contains("Phishing with the names and addresses read", "Account locked, tokens revoked",
                policy.policy().dpo().email(), "CNIL");
        assertThat(MailServer.latest(b, "incident de sécurité")).isNotBlank();
        Thread.sleep(300);
        assertThat(MailServer.to(outside)).isEmpty();
        assertThat(audit.forSubject(first, 20)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("tell-breach");
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
        });
        // Once.
        assertThat(dpo.http().json("POST", "/api/v1/breaches/" + id + "/letters", "{}").statusCode()).isEqualTo(400);
        JsonNode breach = Json.of(dpo.http().get("/api/v1/breaches/" + id, "Accept", "application/json")).get("breach");
        // A code the integrator relies on, never a sentence (L10): the channel and the counts; stored as a code too.
        assertThat(breach.get("peopleToldHow").asString()).isEqualTo("email");
        assertThat(breach.get("peopleMailed").asInt()).isEqualTo(2);
        assertThat(breach.get("peopleWithoutEmail").asInt()).isZero();
        assertThat(jdbc.sql("SELECT people_told_how FROM breach WHERE id = ?").param(id).query(String.class).single()).isEqualTo("email:2");
        JsonNode step = Json.of(dpo.http().get("/api/v1/breaches/" + id, "Accept", "application/json")).get("history");
        assertThat(step.toString()).contains("\"kind\":\"people-told\"").contains("\"text\":\"email:2\"");
        // The page words it, in French and in English.
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/violations/" + id).body()).text())
                .contains("2 courriel(s) envoyé(s) ; 0 personne(s) sans adresse électronique").doesNotContain("email:2");
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/violations/" + id + "?lang=en").body()).text())
                .contains("2 e-mail(s) sent; 0 person(s) without an e-mail address");
        // The English letter says the same in plain English.
        assertThat(letters.letter(register.find(id), true)).contains("security incident", "What we have done: Account locked");
    }

    @Test
    @DisplayName("L6 L10 a breach told before the code (its English phrase stored) reads the same: the API's code and counts, the page's words, the CNIL file in French")
    void peopleToldBeforeTheCode() {
        UUID id = record("Told in English " + UUID.randomUUID(), clock.instant().minus(Duration.ofHours(2)));
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("UPDATE breach SET risk = 'HIGH', compromised_actor = ?, window_from = ?, window_to = ?, people_told_at = ?, people_told_how = ?"
                + " WHERE id = ?").params("staff:" + dpo.id(), now.minusHours(1), now, now, "e-mail: 3; without an e-mail address: 1", id).update();
        JsonNode breach = Json.of(dpo.http().get("/api/v1/breaches/" + id, "Accept", "application/json")).get("breach");
        assertThat(breach.get("peopleToldHow").asString()).isEqualTo("email");
        assertThat(breach.get("peopleMailed").asInt()).isEqualTo(3);
        assertThat(breach.get("peopleWithoutEmail").asInt()).isEqualTo(1);
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/violations/" + id).body()).text())
                .contains("3 courriel(s) envoyé(s) ; 1 personne(s) sans adresse électronique").doesNotContain("without an e-mail");
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/violations/" + id + "?lang=en").body()).text())
                .contains("3 e-mail(s) sent; 1 person(s) without an e-mail address, to be told otherwise");
        JsonNode file = Json.of(dpo.http().get("/api/v1/breaches/" + id + "/notification-file"));
        assertThat(file.get("peopleTold").get("how").asString())
                .isEqualTo("par courriel : 3 personne(s) ; sans adresse électronique, à informer autrement : 1");
        assertThat(BreachTelling.read("anything else")).isEmpty();
        assertThat(BreachTelling.read(new BreachTelling(4, 2).code())).contains(new BreachTelling(4, 2));
    }

    @Test
    @DisplayName("L6 the notification file follows the CNIL form's fields, initial then complementary, as JSON and PDF (tagged for screen readers, font embedded)")
    void notificationFile() {
        UUID id = record("Stolen backup " + UUID.randomUUID(), clock.instant().minus(Duration.ofHours(80)));
        post(dpo, "/api/v1/breaches/" + id + "/assessments", Map.of("risk", "risk", "reasons", "Unencrypted names and e-mails"), 200);
        JsonNode initial = Json.of(dpo.http().get("/api/v1/breaches/" + id + "/notification-file"));
        assertThat(initial.get("type").asString()).isEqualTo("initiale");
        assertThat(initial.get("organisation").get("name").asString()).isEqualTo(policy.policy().controller().name());
        assertThat(initial.get("contact").get("email").asString()).isEqualTo(policy.policy().dpo().email());
        assertThat(initial.get("chronology").get("late").asBoolean()).isTrue();
        assertThat(initial.get("data").get("categories").toString()).contains("identity", "contact");
        assertThat(initial.get("people").get("approximateNumber").asLong()).isEqualTo(2);
        assertThat(initial.get("nature").get("kinds").toString()).contains("perte de confidentialité");
        assertThat(initial.get("peopleTold").get("told").asBoolean()).isFalse();
        assertThat(initial.get("likelyConsequences").asString()).isNotBlank();
        post(dpo, "/api/v1/breaches/" + id + "/notifications", Map.of("reasonsForDelay", "Found on a Friday night"), 200);
        JsonNode complementary = Json.of(dpo.http().get("/api/v1/breaches/" + id + "/notification-file"));
        assertThat(complementary.get("type").asString()).isEqualTo("complémentaire");
        assertThat(complementary.get("chronology").get("reasonsForDelay").asString()).isEqualTo("Found on a Friday night");

        HttpResponse<byte[]> pdf = dpo.http().getBytes("/api/v1/breaches/" + id + "/notification-file.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        // Tagged for screen readers, in French as the CNIL's form, its font embedded.
        String text = TaggedPdfChecks.assertTagged(pdf.body(), "fr", "Notification de violation");
        assertThat(text).contains("Nature de la violation", "complémentaire", "Found on a Friday night");
    }

    @Test
    @DisplayName("L6 a compromised integration token: one action revokes it (audited); an administrator's account locked revokes the tokens it created")
    void compromisedTokens() {
        Staff admin = world.staff("administrator");
        HttpResponse<String> issued = admin.http().json("POST", "/api/v1/tokens",
                Json.write(Map.of("name", "crm-sync", "role", "adv", "scopes", Set.of("subjects:read"))));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String[] bearer = {"Authorization", "Bearer " + Json.of(issued).path("secret").asString()};
        String tokenId = Json.of(issued).path("token").path("id").asString();
        Http integration = new Http(port);
        assertThat(integration.get("/api/v1/me", bearer).statusCode()).isEqualTo(200);

        UUID id = record("Token leaked in a public repository " + UUID.randomUUID(), clock.instant().minus(Duration.ofHours(2)));
        JsonNode locked = post(dpo, "/api/v1/breaches/" + id + "/compromised-actor",
                Map.of("actorKind", "token", "actorId", tokenId, "from", clock.instant().minus(Duration.ofDays(1)).toString()), 200);
        assertThat(locked.get("actor").asString()).isEqualTo("token:" + tokenId);
        assertThat(locked.get("tokensRevoked").asInt()).isEqualTo(1);
        assertThat(integration.get("/api/v1/me", bearer).statusCode()).isEqualTo(401);
        assertThat(audit.recent(200)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("revoke-token");
            assertThat(e.event().resourceId()).isEqualTo(tokenId);
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
        });
        assertThat(Json.of(dpo.http().get("/api/v1/breaches/" + id + "/people", "Accept", "application/json")).get("subjectIds").size())
                .isZero();

        // The administrator's own account compromised: its remaining tokens go with it.
        HttpResponse<String> second = admin.http().json("POST", "/api/v1/tokens",
                Json.write(Map.of("name", "backup-script", "role", "adv", "scopes", Set.of("subjects:read"))));
        String[] other = {"Authorization", "Bearer " + Json.of(second).path("secret").asString()};
        UUID breach = record("Administrator phished " + UUID.randomUUID(), clock.instant().minus(Duration.ofHours(1)));
        JsonNode lockedAdmin = post(dpo, "/api/v1/breaches/" + breach + "/compromised-actor",
                Map.of("actorKind", "staff", "actorId", admin.id().toString(), "from", clock.instant().minus(Duration.ofHours(3)).toString()), 200);
        assertThat(lockedAdmin.get("tokensRevoked").asInt()).isEqualTo(1);
        assertThat(integration.get("/api/v1/me", other).statusCode()).isEqualTo(401);
        assertThat(admin.http().get("/backoffice").statusCode()).isEqualTo(302);
        assertThat(audit.recent(200)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("lock-compromised");
            assertThat(e.event().resourceId()).isEqualTo(admin.id().toString());
        });
    }
}
