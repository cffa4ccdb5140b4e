package org.charte.subjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.internal.ApiTokens;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.policy.CurrentPolicy;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.Staff;
import org.charte.vault.Vault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The subjects API as integrations and staff use it: over HTTP, on the real database, every call decided and audited. */
@CharteIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubjectsApiTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Commitments commitments;

    @Autowired
    Grants grants;

    @Autowired
    ApiTokens tokens;

    @Autowired
    AuditLog audit;

    @Autowired
    Subjects subjects;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Staff adv;
    StaffMember dpo;
    ApiTokens.Issued webForm;
    ApiTokens.Issued readOnly;

    @BeforeAll
    void setUp() {
        adv = Staff.signedIn(directory, port, "adv");
        commitments.sign(adv.id());
        dpo = directory.create(new StaffDirectory.NewStaff("dpo-" + UUID.randomUUID().toString().substring(0, 8), "DPO", "dpo",
                Staff.PASSWORD));
        StaffMember admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8),
                "Admin", "administrator", Staff.PASSWORD));
        webForm = tokens.issue("web form", "adv", Set.of("subjects:write", "subjects:read"), null, admin.id());
        readOnly = tokens.issue("reader", "adv", Set.of("subjects:read"), null, admin.id());
    }

    // --- helpers ------------------------------------------------------------------------------

    /** Eight random letters: unique enough for one test run, and valid in a name. */
    static String unique() {
        StringBuilder letters = new StringBuilder();
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 8).toCharArray()) {
            letters.append((char) ('a' + Character.digit(c, 16)));
        }
        return letters.toString();
    }

    static Map<String, Object> address(String line, String postalCode, String commune) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("lines", List.of(line));
        address.put("postalCode", postalCode);
        address.put("commune", commune);
        return address;
    }

    /** A prospect as a web form would post it. */
    static Map<String, Object> person(String lastName, List<String> emails, List<String> phones) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identity", Map.of("civility", "Mme", "lastName", lastName, "firstNames", "Camille Anne", "birthDate", "1985-04-12"));
        body.put("contacts", Map.of("addresses", List.of(address("12 rue Pasteur", "21000", "dijon")), "emails", emails, "phones", phones));
        return body;
    }

    HttpResponse<String> asToken(ApiTokens.Issued token, String method, String path, Object body) {
        Http http = new Http(port);
        if (method.equals("GET")) {
            return http.get(path, "Authorization", "Bearer " + token.secret(), "Accept", "application/json");
        }
        return http.json(method, path, body instanceof String s ? s : Json.write(body), "Authorization", "Bearer " + token.secret());
    }

    HttpResponse<String> get(Staff staff, String path) {
        return staff.http().get(path, "Accept", "application/json");
    }

    UUID created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(Json.of(response).path("id").asString());
    }

    UUID createPerson(String lastName, List<String> emails, List<String> phones) {
        return created(asToken(webForm, "POST", "/api/v1/subjects", person(lastName, emails, phones)));
    }

    void grant(Staff staff, String purpose, Set<String> categories, UUID subject) {
        grants.grantIndividual(staff.id(), purpose, categories, List.of(ResourceRef.subject(subject)),
                clock.instant().plus(Duration.ofDays(7)), "test: follow-up of a client", dpo.id());
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        Json.of(response).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM data_subject").query(Long.class).single();
    }

    List<AuditEntry> entries(UUID subject) {
        return audit.forSubject(subject, 50);
    }

    static String text(AuditEntry entry) {
        return entry.event().toString();
    }

    // --- R3.1 ---------------------------------------------------------------------------------

    @Test
    @DisplayName("R3.1 a person is recorded with several addresses, e-mails and phones, normalised: E.164, lower case, official commune")
    void severalContactsNormalised() {
        String name = "Lefèvre-" + unique();
        Map<String, Object> body = person(name, List.of(), List.of());
        body.put("contacts", Map.of(
                "addresses", List.of(address("12 rue Pasteur", "21000", "dijon"), address("3 place du Marché", "75011", "Paris")),
                "emails", List.of(" Camille.LEFEVRE@Exemple.FR ", "c.lefevre@travail.example.com", "camille.lefevre@exemple.fr"),
                "phones", List.of("06 12 34 56 78", "+33 1 45 67 89 10")));
        UUID id = created(asToken(webForm, "POST", "/api/v1/subjects", body));
        assertThat(subjects.status(id)).contains(SubjectStatus.PROSPECT);
        grant(adv, "customer-service", Set.of("identity", "contact"), id);

        HttpResponse<String> read = get(adv, "/api/v1/subjects/" + id + "?purpose=customer-service");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode person = Json.of(read);
        assertThat(person.path("status").asString()).isEqualTo("prospect");
        assertThat(person.path("identity").path("lastName").asString()).isEqualTo(name);
        assertThat(person.path("identity").path("birthDate").asString()).isEqualTo("1985-04-12");
        assertThat(person.path("contacts").path("emails").valueStream().map(JsonNode::asString))
                .containsExactly("camille.lefevre@exemple.fr", "c.lefevre@travail.example.com");
        assertThat(person.path("contacts").path("phones").valueStream().map(JsonNode::asString)).containsExactly("+33612345678", "+33145678910");
        JsonNode addresses = person.path("contacts").path("addresses");
        assertThat(addresses.get(0).path("commune").asString()).isEqualTo("Dijon");
        assertThat(addresses.get(0).path("country").asString()).isEqualTo("FR");
        assertThat(addresses.get(1).path("commune").asString()).isEqualTo("PARIS");
        assertThat(person.has("otherInformation") && !person.path("otherInformation").isNull()).as("not asked for").isFalse();
    }

    @Test
    @DisplayName("R3.1 bad e-mail, phone, postal code, commune or birth date: 400 problem naming each field, never its value; nothing written")
    void validation() {
        long before = count();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identity", Map.of("lastName", "Martin", "birthDate", LocalDate.now(clock).plusDays(1).toString()));
        body.put("contacts", Map.of(
                "addresses", List.of(address("1 rue Pasteur", "2100", "Dijon"), address("1 rue Pasteur", "69003", "Dijon")),
                "emails", List.of("martin@exemple.fr", "martin-at-exemple.fr"), "phones", List.of("06 12")));
        HttpResponse<String> refused = asToken(webForm, "POST", "/api/v1/subjects", body);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(fields(refused)).containsExactlyInAnyOrder("identity.birthDate", "contacts.addresses[0].postalCode",
                "contacts.addresses[1].commune", "contacts.emails[1]", "contacts.phones[0]");
        assertThat(refused.body()).doesNotContain("martin-at-exemple.fr").doesNotContain("06 12").doesNotContain("2100\"");
        assertThat(count()).isEqualTo(before);
        assertThat(subjects.findByEmail("martin@exemple.fr")).isEmpty();

        HttpResponse<String> empty = asToken(webForm, "POST", "/api/v1/subjects", Map.of());
        assertThat(fields(empty)).containsExactly("identity");
        HttpResponse<String> status = asToken(webForm, "POST", "/api/v1/subjects", Map.of("status", "vip", "identity", Map.of("lastName", "X")));
        assertThat(fields(status)).containsExactly("status");
        HttpResponse<String> malformed = asToken(webForm, "POST", "/api/v1/subjects", "{\"identity\": {\"lastName\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> badDate = asToken(webForm, "POST", "/api/v1/subjects", "{\"identity\": {\"lastName\": \"X\", \"birthDate\": \"1990-13-45\"}}");
        assertThat(fields(badDate)).containsExactly("identity.birthDate");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    @DisplayName("R3.1 unknown ids are 404, a missing purpose 400 naming it, a bad change 400 with nothing changed")
    void unknownAndMissing() {
        HttpResponse<String> unknown = get(adv, "/api/v1/subjects/" + UUID.randomUUID() + "?purpose=customer-service");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        UUID id = createPerson("Bernard-" + unique(), List.of("bernard." + unique() + "@exemple.fr"), List.of());
        assertThat(fields(get(adv, "/api/v1/subjects/" + id))).containsExactly("purpose");
        assertThat(fields(get(adv, "/api/v1/subjects?email=a@b.fr"))).containsExactly("purpose");
        assertThat(fields(get(adv, "/api/v1/subjects?purpose=customer-service"))).containsExactly("email");

        grant(adv, "customer-service", Set.of("identity", "contact"), id);
        HttpResponse<String> bad = adv.http().json("PATCH", "/api/v1/subjects/" + id + "?purpose=customer-service",
                Json.write(Map.of("contacts", Map.of("emails", List.of("nope")))));
        assertThat(fields(bad)).containsExactly("contacts.emails[0]");
        JsonNode unchanged = Json.of(get(adv, "/api/v1/subjects/" + id + "?purpose=customer-service"));
        assertThat(unchanged.path("contacts").path("emails").size()).isEqualTo(1);
    }

    // --- R3.6 ---------------------------------------------------------------------------------

    @Test
    @DisplayName("R3.6 an unambiguous sensitive phrase in a name or an address is refused, naming the fields; the audit log records the categories, not the words")
    void sensitiveStructuredRefused() {
        long before = count();
        Map<String, Object> body = person("Durand", List.of(), List.of());
        body.put("identity", Map.of("lastName", "Durand", "firstNames", "Paul dossier médical"));
        body.put("contacts", Map.of("addresses", List.of(Map.of("lines", List.of("Appartenance syndicale CGT", "2 rue Pasteur"),
                "postalCode", "21000", "commune", "Dijon"))));
        HttpResponse<String> refused = asToken(webForm, "POST", "/api/v1/subjects", body);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fields(refused)).containsExactlyInAnyOrder("identity.firstNames", "contacts.addresses[0].lines[0]");
        assertThat(refused.body()).contains("health").contains("trade-union-membership").doesNotContainIgnoringCase("dossier")
                .doesNotContainIgnoringCase("syndical").doesNotContain("CGT");
        assertThat(count()).isEqualTo(before);

        AuditEntry hit = audit.recent(20).stream()
                .filter(e -> e.event().action().equals("screen") && e.event().actor().equals("token:" + webForm.token().id()))
                .findFirst().orElseThrow();
        assertThat(hit.event().outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(hit.event().categories()).containsExactly("health", "trade-union-membership");
        assertThat(text(hit)).doesNotContainIgnoringCase("dossier").doesNotContainIgnoringCase("syndical").doesNotContain("CGT")
                .doesNotContain("Paul").doesNotContain("Durand");
    }

    @Test
    @DisplayName("R3.6 the free text is screened in French and English and stored redacted; the audit entry holds the categories only")
    void sensitiveFreeTextRedacted() {
        Map<String, Object> body = person("Moreau-" + unique(), List.of(), List.of());
        body.put("purpose", "customer-service");
        body.put("otherInformation", "Rappeler le matin. Client diabétique ; he is gay and a trade union member.");
        HttpResponse<String> response = asToken(webForm, "POST", "/api/v1/subjects", body);
        UUID id = created(response);
        assertThat(Json.of(response).path("redacted").valueStream().map(JsonNode::asString))
                .containsExactly("health", "sexual-orientation", "trade-union-membership");

        grant(adv, "customer-service", Set.of("identity", "other-information"), id);
        HttpResponse<String> read = get(adv, "/api/v1/subjects/" + id + "?purpose=customer-service&categories=identity,other-information");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(Json.of(read).path("otherInformation").asString())
                .isEqualTo("Rappeler le matin. Client […] ; he is […] and a […] member.");
        assertThat(Json.of(read).path("contacts").isNull() || Json.of(read).path("contacts").isMissingNode()).isTrue();

        AuditEntry hit = entries(id).stream().filter(e -> e.event().action().equals("screen")).findFirst().orElseThrow();
        assertThat(hit.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(hit.event().categories()).containsExactly("health", "sexual-orientation", "trade-union-membership");
        assertThat(text(hit)).doesNotContainIgnoringCase("diab").doesNotContainIgnoringCase("gay").doesNotContainIgnoringCase("union member");
    }

    // --- R4.5 R6.5 ----------------------------------------------------------------------------

    @Test
    @DisplayName("R4.5 R6.5 reading a person: refused and audited without a grant, allowed and audited with one, refused for another purpose")
    void readDecidedAndAudited() {
        UUID id = createPerson("Roux-" + unique(), List.of("roux." + unique() + "@exemple.fr"), List.of("0612345678"));

        HttpResponse<String> refused = get(adv, "/api/v1/subjects/" + id + "?purpose=customer-service");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Json.of(refused).path("detail").asString()).contains("no grant");
        assertThat(refused.body()).doesNotContain("Roux");

        grant(adv, "customer-service", Set.of("identity", "contact"), id);
        assertThat(get(adv, "/api/v1/subjects/" + id + "?purpose=customer-service").statusCode()).isEqualTo(200);
        assertThat(get(adv, "/api/v1/subjects/" + id + "?purpose=loyalty-prospecting").statusCode()).isEqualTo(403);
        assertThat(get(adv, "/api/v1/subjects/" + id + "?purpose=customer-service&categories=identity,contact,other-information")
                .statusCode()).as("other-information is not in the grant").isEqualTo(403);
        assertThat(get(adv, "/api/v1/subjects/" + id + "?purpose=no-such-purpose").statusCode()).isEqualTo(403);

        List<AuditEntry> log = entries(id);
        String me = "staff:" + adv.id();
        assertThat(log).filteredOn(e -> e.event().actor().equals(me) && e.event().action().equals("read"))
                .extracting(e -> e.event().outcome() + " " + e.event().purpose())
                .containsExactlyInAnyOrder("DENIED customer-service", "ALLOWED customer-service", "DENIED loyalty-prospecting",
                        "DENIED customer-service", "DENIED null");
        assertThat(log).filteredOn(e -> e.event().action().equals("create"))
                .singleElement().satisfies(e -> {
                    assertThat(e.event().actor()).isEqualTo("token:" + webForm.token().id());
                    assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
                    assertThat(e.event().purpose()).isEqualTo("loyalty-prospecting");
                    assertThat(e.event().categories()).containsExactly("contact", "identity");
                });
    }

    @Autowired
    Vault vault;

    @Test
    @DisplayName("R8.4 R6.5 a person whose key was destroyed: the read (their row and key in one statement) answers 410, decided and audited, nothing shown")
    void readOfShreddedPerson() {
        UUID id = createPerson("Vidal-" + unique(), List.of("vidal." + unique() + "@exemple.fr"), List.of("0612345678"));
        grant(adv, "customer-service", Set.of("identity", "contact"), id);
        assertThat(get(adv, "/api/v1/subjects/" + id + "?purpose=customer-service").body()).contains("Vidal-");

        vault.shred(id);
        HttpResponse<String> gone = get(adv, "/api/v1/subjects/" + id + "?purpose=customer-service");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).doesNotContain("Vidal-").doesNotContain("vidal.");
        assertThat(entries(id)).filteredOn(e -> e.event().action().equals("read")).extracting(e -> e.event().outcome())
                .containsExactly(AuditOutcome.ALLOWED, AuditOutcome.ALLOWED);
    }

    @Test
    @DisplayName("R4.5 a token may create a person but never read one; without the write scope it may not create")
    void tokens() {
        UUID id = createPerson("Garnier-" + unique(), List.of(), List.of());
        HttpResponse<String> read = asToken(webForm, "GET", "/api/v1/subjects/" + id + "?purpose=loyalty-prospecting", null);
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(Json.of(read).path("detail").asString()).contains("records new data only");
        assertThat(entries(id)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("read");
            assertThat(e.event().actor()).isEqualTo("token:" + webForm.token().id());
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
        });
        HttpResponse<String> noScope = asToken(readOnly, "POST", "/api/v1/subjects", person("Faure", List.of(), List.of()));
        assertThat(noScope.statusCode()).isEqualTo(403);
        HttpResponse<String> outsideRole = asToken(webForm, "POST", "/api/v1/subjects",
                Map.of("purpose", "rights-requests", "identity", Map.of("lastName", "Faure")));
        assertThat(outsideRole.statusCode()).as("the adv role has no rights-requests purpose").isEqualTo(403);
    }

    @Test
    @DisplayName("R4.5 R6.5 rectifying a person: WRITE on the categories changed, decided and audited; the blind indexes follow")
    void update() {
        String email = "perrin." + unique() + "@exemple.fr";
        UUID id = createPerson("Perrin-" + unique(), List.of(email), List.of());
        String path = "/api/v1/subjects/" + id + "?purpose=customer-service";
        String change = Json.write(Map.of("contacts", Map.of("emails", List.of("Nouvelle." + email), "phones", List.of("07 88 77 66 55"))));
        assertThat(adv.http().json("PATCH", path, change).statusCode()).isEqualTo(403);

        grant(adv, "customer-service", Set.of("contact"), id);
        HttpResponse<String> changed = adv.http().json("PATCH", path, change);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(Json.of(changed).path("contacts").path("phones").get(0).asString()).isEqualTo("+33788776655");
        assertThat(Json.of(changed).path("identity").isNull() || Json.of(changed).path("identity").isMissingNode()).isTrue();
        assertThat(subjects.findByEmail(email)).isEmpty();
        assertThat(subjects.findByEmail("nouvelle." + email)).contains(id);
        assertThat(adv.http().json("PATCH", path, Json.write(Map.of("identity", Map.of("lastName", "Autre")))).statusCode())
                .as("identity is not in the grant").isEqualTo(403);
        assertThat(entries(id)).filteredOn(e -> e.event().action().equals("write"))
                .extracting(e -> e.event().outcome() + " " + e.event().categories())
                .containsExactlyInAnyOrder("DENIED [contact]", "ALLOWED [contact]", "DENIED [identity]");
    }

    // --- R8.4 ---------------------------------------------------------------------------------

    @Test
    @DisplayName("R8.4 search by e-mail, phone or last name through blind indexes; data only for the matches a READ decision allows")
    void search() {
        String tag = unique();
        String name = "Écuyer-" + tag;
        UUID id = createPerson(name, List.of("ecuyer." + tag + "@exemple.fr", "compta." + tag + "@exemple.com"),
                List.of("06 98 76 54 32", "+33 4 72 00 00 01"));
        UUID namesake = createPerson(name, List.of(), List.of());

        HttpResponse<String> byEmail = get(adv, "/api/v1/subjects?purpose=customer-service&email=" + q("COMPTA." + tag + "@Exemple.com"));
        assertThat(byEmail.statusCode()).as(byEmail.body()).isEqualTo(200);
        JsonNode results = Json.of(byEmail).path("results");
        assertThat(results.size()).isEqualTo(1);
        assertThat(results.get(0).path("id").asString()).isEqualTo(id.toString());
        assertThat(results.get(0).path("status").asString()).isEqualTo("prospect");
        assertThat(results.get(0).path("readable").asBoolean()).isFalse();
        assertThat(byEmail.body()).doesNotContain("cuyer").doesNotContain("compta");

        HttpResponse<String> byPhone = get(adv, "/api/v1/subjects?purpose=customer-service&phone=" + q("04 72 00 00 01"));
        assertThat(Json.of(byPhone).path("results").get(0).path("id").asString()).isEqualTo(id.toString());
        HttpResponse<String> byName = get(adv, "/api/v1/subjects?purpose=customer-service&name=" + q("ecuyer " + tag.toUpperCase()));
        assertThat(Json.of(byName).path("results").valueStream().map(r -> r.path("id").asString()))
                .containsExactlyInAnyOrder(id.toString(), namesake.toString());
        HttpResponse<String> both = get(adv, "/api/v1/subjects?purpose=customer-service&name=" + q(name) + "&phone=0698765432");
        assertThat(Json.of(both).path("results").size()).isEqualTo(1);

        grant(adv, "customer-service", Set.of("identity", "contact"), id);
        JsonNode allowed = Json.of(get(adv, "/api/v1/subjects?purpose=customer-service&name=" + q(name))).path("results");
        for (JsonNode result : allowed) {
            boolean mine = result.path("id").asString().equals(id.toString());
            assertThat(result.path("readable").asBoolean()).isEqualTo(mine);
            if (mine) {
                assertThat(result.path("subject").path("identity").path("lastName").asString()).isEqualTo(name);
            } else {
                assertThat(result.path("subject").isNull()).isTrue();
            }
        }
        assertThat(audit.recent(30)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("search");
            assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
            assertThat(e.event().reason()).isEqualTo("by name: 2 match(es)");
            assertThat(text(e)).doesNotContain("cuyer").doesNotContain(tag);
        });
        assertThat(entries(namesake)).anySatisfy(e -> assertThat(e.event().action() + " " + e.event().outcome()).isEqualTo("read DENIED"));

        HttpResponse<String> asToken = asToken(webForm, "GET", "/api/v1/subjects?purpose=loyalty-prospecting&email="
                + q("ecuyer." + tag + "@exemple.fr"), null);
        assertThat(asToken.statusCode()).isEqualTo(200);
        assertThat(Json.of(asToken).path("results").get(0).path("readable").asBoolean()).isFalse();
        assertThat(fields(get(adv, "/api/v1/subjects?purpose=customer-service&email=nope&phone=12"))).containsExactly("email", "phone");
    }

    @Test
    @DisplayName("R8.4 nothing personal in clear at rest: a dump of every table holds no name, e-mail, phone, street or note")
    void sealedAtRest() {
        String tag = unique();
        String last = "Quentinot" + tag;
        String first = "Apolline" + tag;
        String email = "apolline." + tag + "@exemple.fr";
        Map<String, Object> body = person(last, List.of(email), List.of("06 11 22 33 44"));
        body.put("identity", Map.of("lastName", last, "firstNames", first, "birthDate", "1980-05-17"));
        body.put("contacts", Map.of("addresses", List.of(address("12 rue des Écoles Buissonnières" + tag, "21000", "Dijon")),
                "emails", List.of(email), "phones", List.of("06 11 22 33 44")));
        body.put("otherInformation", "Préfère le vélo" + tag);
        body.put("purpose", "customer-service");
        UUID id = created(new Http(port).json("POST", "/api/v1/subjects", Json.write(body), "Authorization", "Bearer " + webForm.secret(),
                "Idempotency-Key", "sealed-" + tag));
        grant(adv, "customer-service", Set.of("identity", "contact", "other-information"), id);
        assertThat(get(adv, "/api/v1/subjects/" + id + "?purpose=customer-service&categories=identity,contact,other-information").body())
                .contains(last).contains(email).contains("+33611223344").contains("vélo" + tag);

        StringBuilder dump = new StringBuilder();
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema IN ('PUBLIC', 'public')")
                .query(String.class).list();
        assertThat(tables).extracting(t -> t.toLowerCase(Locale.ROOT))
                .contains("data_subject", "subject_lookup", "subject_key", "vault_key", "audit_entry", "idempotency_record");
        for (String table : tables) {
            for (Map<String, Object> row : jdbc.sql("SELECT * FROM \"" + table + "\"").query().listOfRows()) {
                row.values().forEach(v -> dump.append(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(v))
                        .append('|'));
            }
        }
        assertThat(dump.toString()).contains(id.toString())
                .doesNotContainIgnoringCase(last).doesNotContainIgnoringCase(first).doesNotContainIgnoringCase("apolline." + tag)
                .doesNotContain("33611223344").doesNotContain("0611223344").doesNotContain("06 11 22 33 44")
                .doesNotContain("Buissonnières" + tag).doesNotContain("vélo" + tag).doesNotContain("1980-05-17");
    }

    @Test
    @DisplayName("R8.4 a person recorded before the three sealed parts is read as before and rewritten in three parts on change")
    void legacyRow(@Autowired Vault vault, @Autowired CurrentPolicy policy) {
        UUID id = UUID.randomUUID();
        vault.createKey(id);
        String old = "{\"civility\":\"M.\",\"lastName\":\"ANCIEN\",\"firstNames\":\"Jules\",\"birthDate\":\"1970-01-01\","
                + "\"email\":\"jules.ancien@exemple.fr\",\"phone\":\"+33612345678\",\"postalAddress\":\"4 rue Pasteur, 21000 Dijon\","
                + "\"otherInformation\":\"Client depuis 2010\"}";
        jdbc.sql("INSERT INTO data_subject (id, status, created_at, last_contact_on, policy_version_id, identity) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, "CLIENT_ACTIVE", clock.instant().atOffset(ZoneOffset.UTC), LocalDate.of(2026, 1, 5),
                        policy.version().id(), vault.seal(id, "identity", old.getBytes(StandardCharsets.UTF_8)))
                .update();
        assertThat(subjects.isAdultOn(id, LocalDate.of(2026, 1, 1))).isTrue();
        grant(adv, "customer-service", Set.of("identity", "contact", "other-information"), id);
        String path = "/api/v1/subjects/" + id + "?purpose=customer-service";
        JsonNode read = Json.of(get(adv, path + "&categories=identity,contact,other-information"));
        assertThat(read.path("identity").path("lastName").asString()).isEqualTo("ANCIEN");
        assertThat(read.path("contacts").path("emails").get(0).asString()).isEqualTo("jules.ancien@exemple.fr");
        assertThat(read.path("contacts").path("addresses").get(0).path("postalCode").asString()).isEqualTo("21000");
        assertThat(read.path("otherInformation").asString()).isEqualTo("Client depuis 2010");

        assertThat(adv.http().json("PATCH", path, Json.write(Map.of("identity", Map.of("lastName", "Nouveau")))).statusCode()).isEqualTo(200);
        JsonNode after = Json.of(get(adv, path + "&categories=identity,contact,other-information"));
        assertThat(after.path("identity").path("lastName").asString()).isEqualTo("Nouveau");
        assertThat(after.path("contacts").path("phones").get(0).asString()).isEqualTo("+33612345678");
        assertThat(after.path("otherInformation").asString()).isEqualTo("Client depuis 2010");
        assertThat(subjects.findByEmail("jules.ancien@exemple.fr")).contains(id);
    }

    @Test
    @DisplayName("R4.5 the service decides for every caller, not only the API: a page or a module reading without a grant is refused")
    void serviceDecides() {
        UUID id = createPerson("Henry-" + unique(), List.of(), List.of());
        AccessRequest.Actor actor = AccessRequest.Actor.staff(adv.id());
        assertThatThrownBy(() -> subjects.read(actor, "customer-service", id))
                .isInstanceOf(AccessDecisions.AccessDeniedException.class);
        grant(adv, "customer-service", Set.of("identity", "contact"), id);
        assertThat(subjects.read(actor, "customer-service", id).identity().lastName()).startsWith("Henry-");
    }

    @Test
    @DisplayName("R1.1 a creation retried with the same Idempotency-Key records the person once and answers the same")
    void idempotentCreate() {
        String tag = unique();
        String body = Json.write(person("Idem-" + tag, List.of("idem." + tag + "@exemple.fr"), List.of()));
        Http http = new Http(port);
        HttpResponse<String> first = http.json("POST", "/api/v1/subjects", body, "Authorization", "Bearer " + webForm.secret(),
                "Idempotency-Key", "create-" + tag);
        HttpResponse<String> retry = http.json("POST", "/api/v1/subjects", body, "Authorization", "Bearer " + webForm.secret(),
                "Idempotency-Key", "create-" + tag);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(Json.of(retry).path("id").asString()).isEqualTo(created(first).toString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM subject_lookup WHERE kind = 'name' AND subject_id = ?").param(created(first))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(subjects.search(AccessRequest.Actor.staff(adv.id()), "customer-service", new Subjects.Criteria(null, null, "Idem-" + tag)))
                .hasSize(1);
    }

    @Test
    @DisplayName("R1.1 the subjects API is described in the OpenAPI document")
    void openApi() {
        HttpResponse<String> docs = new Http(port).get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = Json.of(docs).path("paths");
        assertThat(paths.path("/api/v1/subjects").has("post")).isTrue();
        assertThat(paths.path("/api/v1/subjects").has("get")).isTrue();
        assertThat(paths.path("/api/v1/subjects/{id}").has("get")).isTrue();
        assertThat(paths.path("/api/v1/subjects/{id}").has("patch")).isTrue();
        assertThat(paths.path("/api/v1/subjects/{id}").path("get").path("summary").asString()).isEqualTo("Read a person's data for a purpose");
    }
}
