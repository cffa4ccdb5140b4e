package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.mail.DoorOut;
import org.charte.mail.ExitChannel;
import org.charte.mail.Passage;
import org.charte.mail.RecipientRefusedException;
import org.charte.policy.Policy;
import org.charte.registers.DisclosureFourEyes;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The main pages, public and back office, rendered with data in French and in English, and their
 * text scanned (L10): no untranslated key ({@code ??key_fr??}), no raw code (an UPPER_SNAKE value,
 * a typed actor id such as {@code staff:<uuid>}), no whole id where a name is expected, and no
 * sentence of the other language.
 */
class RenderedPagesTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired DoorOut door;
    @Autowired AuditLog audit;
    @Autowired Policy policy;
    @Autowired MessageSource messages;
    @Autowired JdbcClient jdbc;

    /** Upper-case words that are words on a page: an SMS instruction, acronyms. */
    static final Set<String> WORDS = Set.of("STOP", "POST", "HTTP", "GDPR", "RGPD", "CNIL", "SARL", "HTML", "JSON", "TOTP", "UUID");
    /** The names of every enum constant of Charte (4 letters or more): printed raw, they are codes, not words. */
    static final Set<String> ENUM_NAMES = enumNames();

    static final Pattern UNTRANSLATED = Pattern.compile("\\?\\?[^?\\s]*\\?\\?");
    static final Pattern UPPER_SNAKE = Pattern.compile("\\b[A-Z][A-Z0-9]+(_[A-Z0-9]+)+\\b");
    static final Pattern TYPED_ID = Pattern.compile("\\b(staff|token|subject):[0-9a-f]{8}-");
    /** A day as a machine writes it ("2026-12-04"): a page writes it as its language does ("04/12/2026", "4 Dec 2026"). */
    static final Pattern ISO_DAY = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    static final Pattern UUID_TEXT = Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    /** Words of the other language that no sentence of a page in this one has (codes and names aside). */
    static final Pattern ENGLISH = Pattern.compile("\\b(the|must|has been|is not|cannot|already|should|which|grant|refused)\\b");
    static final Pattern FRENCH = Pattern.compile("\\b(vous|votre|est|sont|une|aucune|doit|déjà)\\b");

    Relationship world;
    Staff dpo;
    Staff administrator;
    Staff adv;
    UUID client;
    UUID hidden;
    UUID request;

    @BeforeEach
    void data() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
        commitments.sign(dpo.id());
        administrator = world.staff("administrator");
        adv = world.staff("adv");
        String email = "pages-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr";
        client = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "PAGES", "Inès", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(), List.of(email), List.of()), null), world.today().minusMonths(2));
        hidden = world.adultProspect();
        Staff granter = world.staff("dpo");
        grants.grantIndividual(dpo.id(), "compliance-checks", Set.of(Subjects.IDENTITY, Subjects.CONTACT), List.of(ResourceRef.subject(client)),
                clock.instant().plus(Duration.ofDays(1)), "pages in words", granter.id());
        request = PrivacyCentre.at(port).askAndVerify("rectification", "Inès PAGES", email, "Mon adresse a changé.", Map.of());
        // a step taken by staff, and a refused one, for the history and the error sentence
        dpo.http().postForm("/backoffice/droits/" + request + "/information",
                Map.of("_csrf", dpo.http().csrfFrom("/backoffice/droits/" + request), "what", "Un justificatif de domicile."));
        // a read and a refusal for the audit log
        dpo.http().get("/backoffice/personnes/" + client + "?purpose=compliance-checks");
        dpo.http().get("/backoffice/personnes/" + hidden + "?purpose=compliance-checks");
    }

    @Test
    @DisplayName("L10 R1.1 the main public pages speak one language each: no untranslated key, no raw code, no sentence of the other language")
    void publicPages() {
        Http anyone = new Http(port);
        List<String> problems = new ArrayList<>();
        for (String path : List.of("/", "/politique-de-confidentialite", "/registre-des-traitements", "/mes-droits",
                "/mes-droits/demande?type=access")) {
            problems.addAll(scan(anyone, path, false));
        }
        for (String path : List.of("/en", "/en/privacy-policy", "/en/record-of-processing-activities", "/en/my-rights",
                "/en/my-rights/request?type=access")) {
            problems.addAll(scan(anyone, path, true));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("L10 R6.5 R9.5 the back office's main pages, with data, in French and in English: words and names, never codes, typed ids or the other language")
    void backOfficePages() {
        List<String> problems = new ArrayList<>();
        for (boolean english : List.of(false, true)) {
            for (String path : List.of("/backoffice", "/backoffice/audit", "/backoffice/audit?subject=" + client, "/backoffice/droits",
                    "/backoffice/droits/" + request, "/backoffice/droits/oppositions", "/backoffice/droits/deces", "/backoffice/conservation",
                    "/backoffice/registres", "/backoffice/bureau-dpo", "/backoffice/mes-acces", "/backoffice/personnes",
                    "/backoffice/personnes/" + client + "?purpose=compliance-checks", "/backoffice/subcontractors", "/backoffice/grants",
                    "/backoffice/filtrage", "/backoffice/personnes/" + client + "/relation?purpose=compliance-checks",
                    "/backoffice/personnes/" + client + "/prospection?purpose=compliance-checks", "/backoffice/conservation/archive",
                    "/backoffice/violations", "/backoffice/registres/communications", "/backoffice/registres/sous-traitants",
                    "/backoffice/registres/transferts", "/backoffice/cookies/frequentation", "/backoffice/cookies/statistiques",
                    "/backoffice/engagement")) {
                problems.addAll(scan(dpo.http(), path, english));
            }
            for (String path : List.of("/backoffice/prospection/campagnes", "/backoffice/prospection/statistiques")) {
                problems.addAll(scan(adv.http(), path, english));
            }
            for (String path : List.of("/backoffice/staff", "/backoffice/tokens")) {
                problems.addAll(scan(administrator.http(), path, english));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("L10 a refusal is told in the page's language: the 403 page's reason, and a refused step on a request")
    void refusals() {
        HttpResponse<String> french = dpo.http().get("/backoffice/personnes/" + hidden + "?purpose=compliance-checks");
        assertThat(french.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(french.body()).select("p.error").text()).startsWith("Motif : aucune autorisation en vigueur");
        HttpResponse<String> english = dpo.http().get("/backoffice/personnes/" + hidden + "?purpose=compliance-checks&lang=en");
        assertThat(Jsoup.parse(english.body()).select("p.error").text()).startsWith("Reason: no grant in force");
        assertThat(scan(french, false)).isEmpty();

        String csrf = dpo.http().csrfFrom("/backoffice/droits/" + request);
        HttpResponse<String> again = dpo.http().postForm("/backoffice/droits/" + request + "/information",
                Map.of("_csrf", csrf, "what", "Encore un justificatif."));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(again.body()).select("div.error").text())
                .isEqualTo("Des informations complémentaires ont déjà été demandées et ne sont pas encore reçues.");
        assertThat(scan(again, false)).isEmpty();
    }

    @Test
    @DisplayName("L10 R9.5 a request's history names who took each step: the person's steps and Charte's own as \"Charte (automatique)\", staff by name; what Charte notes in codes in words; its days as each language writes them")
    void history() {
        Document page = Jsoup.parse(dpo.http().get("/backoffice/droits/" + request).body());
        String history = page.select("#history").text();
        assertThat(history).contains("Charte (automatique)", dpo.member().displayName()).doesNotContain("system", "staff:");
        // how the identity was verified, recorded as a code, in words
        assertThat(history).contains("par un code reçu par e-mail").doesNotContain("email-code");
        Document english = Jsoup.parse(dpo.http().get("/backoffice/droits/" + request + "?lang=en").body());
        assertThat(english.select("#history").text()).contains("Charte (automatic)", "by a code received by e-mail").doesNotContain("email-code");
        // the days of the request (received, due, each step's): "04/12/2026", "4 Dec 2026", never "2026-12-04"
        Pattern isoDay = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
        for (Document shown : List.of(page, english)) {
            String days = shown.select("#history td:first-child").text() + " " + shown.select("main table").text();
            assertThat(isoDay.matcher(days).find()).as(days).isFalse();
        }
        assertThat(page.select("#history td:first-child").first().text()).matches("\\d{2}/\\d{2}/\\d{4}");
        assertThat(english.select("#history td:first-child").first().text()).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}");
    }

    @Test
    @DisplayName("L10 R1.4 R6.6 L2 R6.5 R3.6 the audit log words the door out's refusals, the four eyes on a disclosure, what a campaign sent, an erasure on request and a false positive accepted, in French and in English")
    void reasonsOfOtherModules() {
        Policy.Recipient listed = policy.recipients().stream().filter(r -> r.type() != Policy.RecipientType.AUTHORITY).findFirst().orElseThrow();
        String unlisted = policy.purposes().stream().map(Policy.Purpose::id).filter(p -> !policy.purpose(p).orElseThrow().recipients().contains(listed.id()))
                .findFirst().orElseThrow();
        for (Passage passage : List.of(Passage.toRecipient("nobody-listed", "customer-service", client),
                Passage.toRecipient(listed.id(), "no-such-purpose", client), Passage.toRecipient(listed.id(), unlisted, client))) {
            assertThatThrownBy(() -> door.pass(ExitChannel.MAIL, passage)).isInstanceOf(RecipientRefusedException.class);
        }
        Passage toPerson = Passage.toPerson("customer-service", client);
        assertThatThrownBy(() -> door.post(URI.create("ftp://example.org/x"), new byte[0], Map.of(), toPerson))
                .isInstanceOf(RecipientRefusedException.class);
        assertThatThrownBy(() -> door.post(URI.create("https://not-allowed.example.org/x"), new byte[0], Map.of(), toPerson))
                .isInstanceOf(RecipientRefusedException.class);
        UUID other = UUID.randomUUID();
        for (String reason : List.of(DisclosureFourEyes.refusal(dpo.id(), null, dpo.id(), "dpo").orElseThrow(),
                DisclosureFourEyes.refusal(other, null, dpo.id(), "adv").orElseThrow(),
                DisclosureFourEyes.refusal(other, other, dpo.id(), "dpo").orElseThrow())) {
            audit.append(AuditEvent.denied("staff:" + dpo.id(), "approve-disclosure", "legal-obligations", "disclosure", other.toString(), client,
                    List.of(), reason));
        }
        // As CampaignService records what it sent (the channel and the basis that allowed it).
        for (String reason : List.of("campaign message by email, basis consent", "campaign letter by post (letter shop list), basis not-objected",
                "letter shop list of 12 people, 3 withheld by the decision point, given again")) {
            audit.append(new AuditEvent("staff:" + adv.id(), "send", "loyalty-prospecting", "marketing-campaign", other.toString(), client, List.of(),
                    AuditOutcome.ALLOWED, reason));
        }
        // As the retention run and the rights module record an erasure on request (codes, counts, the run and its proof).
        UUID run = UUID.randomUUID();
        for (String reason : List.of("erasure-request; person-asked; partial; erased 1 (7 rows); archived 2; kept 1",
                "erasure-request; person-asked; R-2026-000042; run " + run + "; proof 0a1b2c3d4e5f; partial")) {
            audit.append(new AuditEvent("staff:" + dpo.id(), "erase", "rights-requests", "subject", client.toString(), client, List.of(),
                    AuditOutcome.ALLOWED, reason));
        }
        // A false positive of the screen accepted by the DPO, for real: the entry names the categories it was taken for.
        HttpResponse<String> accepted = dpo.http().json("POST", "/api/v1/screening/accepted-phrases", Json.write(Map.of(
                "phrase", "allée des Malades " + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x"), "reason", "une rue")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        String phraseId = Json.of(accepted).path("id").asString();
        String entries = Jsoup.parse(dpo.http().get("/backoffice/audit").body()).text();
        assertThat(entries).contains("faux positif accepté (pris pour : santé)").doesNotContain("false positive", "(health)");
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/audit?lang=en").body()).text()).contains("false positive accepted (taken for: health)");
        assertThat(phraseId).isNotBlank();
        String french = Jsoup.parse(dpo.http().get("/backoffice/audit?subject=" + client).body()).text();
        assertThat(french).contains("effacement d’une personne (à sa demande) : effacé en partie ; effacées : 1 (7 lignes) ; archivées : 2 ; conservées : 1",
                "effacement d’une personne (à sa demande), demande R-2026-000042 : exécution " + run.toString().substring(0, 8)
                        + ", preuve d’effacement 0a1b2c3d4e5f ; effacé en partie").doesNotContain("erasure-request", run.toString());
        assertThat(french).contains("la politique ne liste aucun destinataire « nobody-listed »", "la politique n'a pas de finalité « no-such-purpose »",
                "ne va qu'à une adresse http ou https", "hôtes permis", "un autre DPO le fait", "seul le DPO approuve",
                "la communication est déjà approuvée", "message de campagne par e-mail, sur la base : consentement",
                "liste pour le routeur de 12 personne(s), 3 retenue(s)", "vers la personne");
        assertThat(french).contains("la politique ne liste pas le destinataire « " + listed.label().fr() + " »");
        String english = Jsoup.parse(dpo.http().get("/backoffice/audit?subject=" + client + "&lang=en").body()).text();
        assertThat(english).contains("a person's erasure (at their request): partly erased; erased: 1 (7 rows); archived: 2; kept: 1",
                "a person's erasure (at their request), request R-2026-000042: run " + run.toString().substring(0, 8) + ", proof of erasure 0a1b2c3d4e5f; partly erased");
        assertThat(english).contains("the policy lists no recipient \"nobody-listed\"", "another DPO does", "campaign letter by post (letter shop list), on the basis of: no objection");
        List<String> problems = new ArrayList<>(scan(dpo.http(), "/backoffice/audit?subject=" + client, false));
        problems.addAll(scan(dpo.http(), "/backoffice/audit?subject=" + client, true));
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("L10 R5.6 R6.7 a retention run's page and a breach's page show names and short references, never whole ids, in French and in English")
    void runAndBreachPages() {
        HttpResponse<String> run = dpo.http().json("POST", "/api/v1/retention/runs", "{}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        String runId = Json.of(run).path("id").asString();
        HttpResponse<String> breach = dpo.http().json("POST", "/api/v1/breaches", Json.write(Map.of("title", "Portable perdu",
                "discoveredAt", clock.instant().minusSeconds(3600).toString(), "discoveredHow", "Signalé par le salarié",
                "nature", List.of("confidentiality"), "categories", List.of("identity"), "approximatePeople", 3,
                "approximateRecords", 3, "consequences", "Aucune connue", "measuresTaken", "Effacement à distance",
                "measuresPlanned", "Chiffrement")));
        assertThat(breach.statusCode()).as(breach.body()).isEqualTo(201);
        String breachId = Json.of(breach).path("id").asString();
        List<String> problems = new ArrayList<>();
        for (boolean english : List.of(false, true)) {
            problems.addAll(scan(dpo.http(), "/backoffice/conservation/executions/" + runId, english));
            problems.addAll(scan(dpo.http(), "/backoffice/violations/" + breachId, english));
            problems.addAll(scan(dpo.http(), "/backoffice/violations", english));
        }
        assertThat(problems).isEmpty();
        String runEntries = Jsoup.parse(dpo.http().get("/backoffice/audit").body()).text();
        assertThat(runEntries).doesNotContain("as-of ", "; erased ");
        Document page = Jsoup.parse(dpo.http().get("/backoffice/violations/" + breachId).body());
        assertThat(page.select("main").text()).contains(dpo.member().displayName()).doesNotContain("staff:");
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/conservation/executions/" + runId).body()).selectFirst("dl.run dd.code").text())
                .isEqualTo(runId.substring(0, 8));
    }

    @Test
    @DisplayName("L10 R6.5 every action, kind of resource and purpose the audit log holds (what this run's tests recorded) has its words in French and in English")
    void auditLogWorded() {
        List<String> missing = new ArrayList<>();
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            for (String action : jdbc.sql("SELECT DISTINCT action FROM audit_entry").query(String.class).list()) {
                if (messages.getMessage("audit.action." + action, null, null, locale) == null) {
                    missing.add(locale + " action " + action);
                }
            }
            for (String type : jdbc.sql("SELECT DISTINCT resource_type FROM audit_entry").query(String.class).list()) {
                if (messages.getMessage("audit.resource." + type, null, null, locale) == null) {
                    missing.add(locale + " resource " + type);
                }
            }
            // an allowed entry's purpose (a refusal may name any purpose it was asked for, shown as asked)
            for (String purpose : jdbc.sql("SELECT DISTINCT purpose FROM audit_entry WHERE purpose IS NOT NULL AND outcome = 'ALLOWED'")
                    .query(String.class).list()) {
                if (policy.purpose(purpose).isEmpty() && messages.getMessage("audit.purpose." + purpose, null, null, locale) == null) {
                    missing.add(locale + " purpose " + purpose);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static Set<String> enumNames() {
        Path classes = Path.of("target/classes");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("org/charte"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, RenderedPagesTests.class.getClassLoader());
                if (type.isEnum()) {
                    for (Object constant : type.getEnumConstants()) {
                        String code = ((Enum<?>) constant).name();
                        if (code.length() >= 4 && !WORDS.contains(code)) {
                            names.add(code);
                        }
                    }
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private List<String> scan(Http http, String path, boolean english) {
        String address = english && path.startsWith("/backoffice") ? path + (path.contains("?") ? "&" : "?") + "lang=en" : path;
        HttpResponse<String> page = http.get(address);
        if (page.statusCode() != 200) {
            return List.of(address + ": answered " + page.statusCode());
        }
        return scan(page, english).stream().map(p -> address + ": " + p).toList();
    }

    /** What a page says that it should not: each problem with a little of the text around it. */
    static List<String> scan(HttpResponse<String> page, boolean english) {
        Document html = Jsoup.parse(page.body());
        html.select("[lang=" + (english ? "fr" : "en") + "]").stream().filter(e -> e != html.selectFirst("html")).forEach(Element::remove);
        html.select("code, script, style").remove();
        String text = html.body().text();
        StringBuilder attributes = new StringBuilder();
        for (Element element : html.select("[title], [placeholder], [aria-label], [alt]")) {
            for (String attribute : List.of("title", "placeholder", "aria-label", "alt")) {
                attributes.append(' ').append(element.attr(attribute));
            }
        }
        List<String> problems = new ArrayList<>();
        for (CharSequence said : List.of(text, attributes)) {
            find(problems, "untranslated key", UNTRANSLATED, said);
            find(problems, "raw code", UPPER_SNAKE, said);
            find(problems, "typed id", TYPED_ID, said);
            find(problems, english ? "French" : "English", english ? FRENCH : ENGLISH, said);
            Matcher word = Pattern.compile("\\b[A-Z]{4,}\\b").matcher(said);
            while (word.find()) {
                if (ENUM_NAMES.contains(word.group())) {
                    problems.add("raw code «" + said.subSequence(Math.max(0, word.start() - 60), Math.min(said.length(), word.end() + 60)) + "»");
                }
            }
        }
        find(problems, "whole id", UUID_TEXT, text); // an example in a placeholder is not an id shown for a name
        find(problems, "day as a machine writes it", ISO_DAY, text);
        return problems;
    }

    private static void find(List<String> problems, String what, Pattern pattern, CharSequence text) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            problems.add(what + " «" + text.subSequence(Math.max(0, m.start() - 60), Math.min(text.length(), m.end() + 60)) + "»");
        }
    }
}
