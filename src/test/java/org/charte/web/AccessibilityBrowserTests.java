package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.policy.MarketingChannel;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.MarketingChoices.NewConsent;
import org.charte.marketing.MarketingMail;
import org.charte.marketing.Means;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Browser;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page a person or a member of staff can open, checked by axe-core in a real browser (Debian's
 * headless Chromium): no serious or critical violation of the accessibility rules it knows (WCAG 2.x
 * A and AA, best practices). A page added to the application without a line here fails
 * {@link #everyPageIsListed()}: nobody forgets to check it.
 */
@Tag("browser")
@Tag("sweep") // the whole suite runs it on PostgreSQL, in the phase that has time to spare (pom.xml)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTests extends RightsTestBase {

    /** Pages anyone may open (the privacy centre's forms, the policy, links from mails), French and English. */
    static final Set<String> PUBLIC_PAGES = new LinkedHashSet<>(List.of("GET /", "GET /en", "GET /politique-de-confidentialite",
            "GET /en/privacy-policy", "GET /politique-de-confidentialite/versions", "GET /en/privacy-policy/versions",
            "GET /politique-de-confidentialite/versions/comparer", "GET /en/privacy-policy/versions/compare", "GET /registre-des-traitements", "GET /en/record-of-processing-activities", "GET /mes-droits",
            "GET /en/my-rights", "GET /mes-droits/demande", "GET /en/my-rights/request", "GET /mes-droits/verification/{id}",
            "GET /en/my-rights/verification/{id}", "GET /telechargement/{token}", "GET /en/download/{token}", "GET /u/{token}",
            "GET /demo/site", "GET /demo/site/post", "GET /mes-choix-cookies", "GET /en/my-cookie-choices",
            "GET /mes-choix-cookies/{consentId}", "GET /en/my-cookie-choices/{consentId}", "GET /backoffice/premier-acces/{token}",
            "GET /error"));

    /** The sign-in's pages and the back office, by the role that opens them. */
    static final Set<String> STAFF_PAGES = new LinkedHashSet<>(List.of("GET /backoffice/connexion", "GET /backoffice/enrolement",
            "GET /backoffice/code", "GET /backoffice", "GET /backoffice/mes-acces", "GET /backoffice/engagement",
            "GET /backoffice/personnes", "GET /backoffice/personnes/{id}", "GET /backoffice/personnes/{id}/relation",
            "GET /backoffice/personnes/{id}/prospection", "GET /backoffice/personnes/{id}/appels", "GET /backoffice/subcontractors",
            "GET /backoffice/grants", "GET /backoffice/audit", "GET /backoffice/bureau-dpo", "GET /backoffice/filtrage",
            "GET /backoffice/engagement/publier", "GET /backoffice/cookies/statistiques", "GET /backoffice/cookies/frequentation",
            "GET /backoffice/droits", "GET /backoffice/droits/{id}", "GET /backoffice/droits/oppositions", "GET /backoffice/droits/deces",
            "GET /backoffice/droits/nouvelle", "GET /backoffice/conservation", "GET /backoffice/conservation/executions/{id}",
            "GET /backoffice/conservation/archive", "GET /backoffice/violations", "GET /backoffice/violations/{id}",
            "GET /backoffice/registres", "GET /backoffice/registres/communications", "GET /backoffice/registres/transferts",
            "GET /backoffice/registres/sous-traitants",
            // the administrator's
            "GET /backoffice/staff", "GET /backoffice/tokens",
            // adv's
            "GET /backoffice/prospection/statistiques", "GET /backoffice/prospection/campagnes", "GET /backoffice/prospection/campagnes/{id}",
            "GET /backoffice/prospection/campagnes/{id}/modifier", "GET /backoffice/prospection/campagnes/{id}/appels"));

    /** GET endpoints that are no page of ours, or pages not checked yet, each with its reason. */
    static final Map<String, String> NOT_CHECKED = Map.of(
            "GET /backoffice/audit/export", "a file (CSV), not a page",
            "GET /communications/reponses/{token}", "a file (JSON) for an authority, not a page; a used link is a problem+json",
            "GET /backoffice/droits/{id}/fichiers/{fileId}", "a file of an answer, not a page",
            "GET /backoffice/conservation/archive/{id}", "needs an entry in the intermediate archive, which only a retention run over"
                    + " years-old data makes; its list page is checked",
            "GET /demo/courriels", "the demo's outbox, mapped only in the demo (absent in tests)",
            "GET /swagger-ui.html", "springdoc's page (a redirect to Swagger UI), not ours");

    /** What is no page: the JSON API, OpenDSR, OpenAPI documents, the consent script and the demo's scripts. */
    static boolean page(String endpoint) {
        return endpoint.startsWith("GET ") && !endpoint.startsWith("GET /api/") && !endpoint.startsWith("GET /opendsr/")
                && !endpoint.startsWith("GET /v3/") && !endpoint.startsWith("GET /consent/v1/") && !endpoint.endsWith(".js");
    }

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingMail marketingMail;
    @Autowired MarketingChoices choices;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    Browser browser;
    final Map<String, String> visited = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    Browser browser() {
        if (browser == null) {
            browser = Browser.open(port);
        }
        return browser;
    }

    @BeforeEach
    void freshLists() {
        visited.clear();
        problems.clear();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("L10 every page of the application is in the accessibility check's list, or named with the reason it is not")
    void everyPageIsListed() {
        Set<String> pages = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            boolean get = info.getMethodsCondition().getMethods().isEmpty()
                    || info.getMethodsCondition().getMethods().stream().anyMatch(m -> m.name().equals("GET"));
            if (get) {
                info.getPatternValues().stream().map(p -> "GET " + p).filter(AccessibilityBrowserTests::page).forEach(pages::add);
            }
        }
        Set<String> listed = new TreeSet<>(PUBLIC_PAGES);
        listed.addAll(STAFF_PAGES);
        listed.addAll(NOT_CHECKED.keySet());
        assertThat(pages).as("pages missing from the accessibility check's list").isSubsetOf(listed);
        Set<String> gone = new TreeSet<>(listed);
        gone.remove("GET /demo/courriels");
        assertThat(gone).as("listed pages that no longer exist").isSubsetOf(pages);
    }

    /** Opens the page, keeps axe-core's serious and critical findings, and checks it is the page and not an error. */
    void check(String endpoint, String path) {
        browser().go(path);
        checkShown(endpoint, path);
    }

    /** As {@link #check(String, String)}, for the page shown (after a click). */
    void checkShown(String endpoint, String path) {
        String title = browser.driver().getTitle();
        if (!endpoint.equals("GET /error") && !endpoint.contains("{token}") && title != null
                && (title.equals("Erreur") || title.equals("Error"))) {
            problems.add(endpoint + " (" + path + "): an error page instead of the page: " + browser.text(By.tagName("main")));
        }
        // Public pages come in French and English from one template each: axe-core reads the French at 1280 px and the
        // English at 390 px, so that each template is checked at both widths; a back-office page (French first) at both.
        // Nothing may be wider than the screen at either width, in either language.
        boolean english = "en".equals(browser.driver().executeScript("return document.documentElement.lang"));
        boolean backOffice = path.startsWith("/backoffice");
        List<String> found = new ArrayList<>(english && !backOffice ? List.of() : browser.seriousAccessibilityViolations());
        browser.horizontalOverflow().forEach(o -> found.add("at " + Browser.WIDE + " px, wider than the screen: " + o));
        // The same page on a phone (390 px), laid out again without reloading it, and nothing wider than the screen.
        browser.emulateWidth(Browser.NARROW);
        try {
            (english || backOffice ? browser.seriousAccessibilityViolations() : List.<String>of())
                    .forEach(v -> found.add("at " + Browser.NARROW + " px: " + v));
            browser.horizontalOverflow().forEach(o -> found.add("at " + Browser.NARROW + " px, wider than the screen: " + o));
        } finally {
            browser.clearWidth();
        }
        if (!found.isEmpty()) {
            problems.add(endpoint + " (" + path + "):\n      " + String.join("\n      ", found));
        }
        visited.put(endpoint, path);
    }

    /** The demo site with consent.js's "Personnaliser" panel open, once the banner's styles apply. */
    void cookieSettings(String path) {
        browser().go(path);
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("cc-custom"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-purpose-switch]")));
        wait.until(d -> "fixed".equals(browser.driver().executeScript("return getComputedStyle(document.getElementById('cc')).position")));
    }

    @Test
    @DisplayName("L10 axe-core finds no serious or critical accessibility violation on any public page, the French at 1280 px and the English at 390 px (each template at both widths); none is wider than the screen at either width")
    void publicPages() {
        browser();
        String email = "axe-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        UUID person = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "ACCESSIBLE", "Alix",
                LocalDate.of(1981, 4, 5)), new Contacts(List.of(), List.of(email), List.of()), null), LocalDate.now(clock));
        PrivacyCentre centre = PrivacyCentre.at(port);
        UUID asked = PrivacyCentre.requestId(centre.ask("erasure", "Alix Accessible", email, ""));
        centre.askAndVerify("access", "Alix Accessible", email, "", Map.of());
        String link = MailServer.find(MailServer.latest(email, "Réponse"), "(http://\\S+/telechargement/[A-Za-z0-9_-]{43})");
        String download = link.substring(link.indexOf("/telechargement/"));
        choices.consent(Actor.subject(person), "rights-requests", person, new NewConsent(MarketingChannel.EMAIL, "newsletters", Means.FORM,
                "newsletter-form-v3", "https://www.example.org/inscription"));
        String unsubscribe = marketingMail.unsubscribeUrl(person, MarketingChannel.EMAIL, null);

        check("GET /", "/");
        check("GET /en", "/en");
        check("GET /politique-de-confidentialite", "/politique-de-confidentialite");
        check("GET /en/privacy-policy", "/en/privacy-policy");
        check("GET /politique-de-confidentialite/versions", "/politique-de-confidentialite/versions");
        check("GET /en/privacy-policy/versions", "/en/privacy-policy/versions");
        check("GET /politique-de-confidentialite/versions/comparer", "/politique-de-confidentialite/versions/comparer");
        check("GET /en/privacy-policy/versions/compare", "/en/privacy-policy/versions/compare");
        check("GET /registre-des-traitements", "/registre-des-traitements");
        check("GET /en/record-of-processing-activities", "/en/record-of-processing-activities");
        check("GET /mes-droits", "/mes-droits");
        check("GET /en/my-rights", "/en/my-rights");
        for (String type : List.of("access", "rectification", "erasure", "restriction", "objection", "portability", "post-mortem")) {
            check("GET /mes-droits/demande", "/mes-droits/demande?type=" + type);
            check("GET /en/my-rights/request", "/en/my-rights/request?type=" + type);
        }
        check("GET /mes-droits/verification/{id}", "/mes-droits/verification/" + asked);
        check("GET /en/my-rights/verification/{id}", "/en/my-rights/verification/" + asked);
        check("GET /telechargement/{token}", download);
        check("GET /en/download/{token}", download.replace("/telechargement/", "/en/download/"));
        check("GET /u/{token}", unsubscribe.substring(unsubscribe.indexOf("/u/")) + "?lang=fr");
        check("GET /u/{token}", unsubscribe.substring(unsubscribe.indexOf("/u/")) + "?lang=en");
        // What the buttons of those pages show: a wrong code, the unsubscription done, the preferences saved.
        browser.click(By.id("unsubscribe"));
        checkShown("POST /u/{token}", "the unsubscription done");
        browser.click(By.id("preferences-link"));
        browser.click(By.id("save"));
        checkShown("POST /u/{token}/preferences", "the preferences saved");
        browser.go("/mes-droits/verification/" + asked);
        browser.type(By.id("code"), "000000");
        browser.click(By.id("check"));
        checkShown("POST /mes-droits/verification/{id}", "a wrong code");
        check("GET /demo/site", "/demo/site");
        // consent.js's second layer, its switches and their labels, in French then in English (at 390 px), its styles applied
        // (consent.css loads apart): R9.11's "accessible" and WCAG AA contrast for the panel, not only the first layer.
        cookieSettings("/demo/site");
        checkShown("GET /demo/site", "/demo/site, the cookie settings");
        cookieSettings("/demo/site?lang=en");
        checkShown("GET /demo/site", "/demo/site?lang=en, the cookie settings");
        check("GET /demo/site/post", "/demo/site/post");
        // The proof of one's cookie choices (L3): the settings' link to it, then the form asking for an id.
        browser.go("/demo/site");
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("cc-refuse"))).click();
        String consentId = wait.until(d -> d.manage().getCookieNamed("charte_consent")).getValue().split("\\.")[0];
        Http anyone = new Http(port);
        wait.until(d -> anyone.get("/consent/v1/records/" + consentId).statusCode() == 200); // the script posts without waiting
        String proofs = "/mes-choix-cookies/" + consentId;
        check("GET /mes-choix-cookies/{consentId}", proofs);
        check("GET /en/my-cookie-choices/{consentId}", proofs.replace("/mes-choix-cookies/", "/en/my-cookie-choices/"));
        check("GET /mes-choix-cookies", "/mes-choix-cookies");
        check("GET /en/my-cookie-choices", "/en/my-cookie-choices?id=not-an-id");
        // Links that no longer work: the page that says so.
        check("GET /backoffice/premier-acces/{token}", "/backoffice/premier-acces/unknown-link");
        check("GET /error", "/page-qui-n-existe-pas");
        check("GET /error", "/en/page-that-does-not-exist");

        assertThat(problems).as("serious or critical accessibility violations").isEmpty();
        assertThat(visited.keySet()).filteredOn(e -> e.startsWith("GET ")).containsExactlyInAnyOrderElementsOf(PUBLIC_PAGES);
    }

    @Test
    @DisplayName("L10 axe-core finds no serious or critical accessibility violation on any back-office page, for the DPO, an administrator and adv, at 1280 and 390 px; none is wider than a phone's screen")
    void backOfficePages() {
        browser();
        // The administrator enrols in the browser (the enrolment page), then signs out.
        String adminLogin = "axe-admin-" + UUID.randomUUID().toString().substring(0, 8);
        var admin = directory.create(new StaffDirectory.NewStaff(adminLogin, "Ada Administratrice", "administrator", Staff.PASSWORD, null, false));
        commitments.sign(admin.id());
        browser.forget();
        check("GET /backoffice/connexion", "/backoffice/connexion");
        browser.type(By.id("username"), adminLogin);
        browser.type(By.id("password"), Staff.PASSWORD);
        browser.click(By.cssSelector("main form button[type=submit]"));
        check("GET /backoffice/enrolement", "/backoffice/enrolement");
        String secret = browser.text(By.id("secret")).trim();
        browser.type(By.id("code"), Http.nextCode(secret));
        browser.click(By.cssSelector("main form button[type=submit]"));
        check("GET /backoffice/staff", "/backoffice/staff");
        check("GET /backoffice/tokens", "/backoffice/tokens");

        // The DPO: the data the pages show first, over the API, then the pages in the browser.
        Staff dpo = Staff.signedIn(directory, port, "dpo");
        commitments.sign(dpo.id());
        UUID person = subjects.register(SubjectStatus.PROSPECT, new Identity("M.", "LISIBLE", "Dominique", LocalDate.of(1970, 1, 2)),
                LocalDate.now(clock).minusMonths(2));
        String request = created(dpo.http().json("POST", "/api/v1/rights-requests", Json.write(Map.of("type", "erasure", "channel",
                "post", "receivedOn", LocalDate.now(clock).minusDays(3).toString(), "name", "Dominique Lisible", "postalAddress",
                "2 rue Monge, 21000 Dijon"))));
        String breach = created(dpo.http().json("POST", "/api/v1/breaches", Json.write(Map.of("title", "Ordinateur perdu",
                "discoveredAt", clock.instant().minusSeconds(3600).toString(), "discoveredHow", "Signalé par le salarié",
                "nature", List.of("confidentiality"), "categories", List.of("identity", "contact"), "approximatePeople", 12,
                "approximateRecords", 30, "consequences", "Hameçonnage", "measuresTaken", "Effacement à distance",
                "measuresPlanned", "Chiffrement des disques"))));
        String run = created(dpo.http().json("POST", "/api/v1/retention/runs", "{}"));

        browser.forget();
        browser.go("/backoffice/connexion");
        browser.type(By.id("username"), dpo.member().login());
        browser.type(By.id("password"), dpo.password());
        browser.click(By.cssSelector("main form button[type=submit]"));
        check("GET /backoffice/code", "/backoffice/code");
        browser.type(By.id("code"), Http.nextCode(dpo.secret()));
        browser.click(By.cssSelector("main form button[type=submit]"));
        for (String page : List.of("/backoffice", "/backoffice/mes-acces", "/backoffice/engagement", "/backoffice/personnes",
                "/backoffice/subcontractors", "/backoffice/grants", "/backoffice/audit", "/backoffice/bureau-dpo", "/backoffice/filtrage",
                "/backoffice/engagement/publier", "/backoffice/cookies/statistiques", "/backoffice/cookies/frequentation",
                "/backoffice/droits", "/backoffice/droits/oppositions", "/backoffice/droits/deces", "/backoffice/droits/nouvelle",
                "/backoffice/conservation", "/backoffice/conservation/archive", "/backoffice/violations", "/backoffice/registres",
                "/backoffice/registres/communications", "/backoffice/registres/transferts", "/backoffice/registres/sous-traitants")) {
            check("GET " + page, page);
        }
        check("GET /backoffice/personnes/{id}", "/backoffice/personnes/" + person);
        check("GET /backoffice/personnes/{id}/relation", "/backoffice/personnes/" + person + "/relation");
        check("GET /backoffice/droits/{id}", "/backoffice/droits/" + request);
        check("GET /backoffice/violations/{id}", "/backoffice/violations/" + breach);
        check("GET /backoffice/conservation/executions/{id}", "/backoffice/conservation/executions/" + run);
        // English, where the back office speaks it.
        for (String page : List.of("/backoffice/bureau-dpo", "/backoffice/audit", "/backoffice/conservation", "/backoffice/violations")) {
            check("GET " + page, page + "?lang=en");
        }

        // adv: statistics and campaigns.
        Staff adv = Staff.signedIn(directory, port, "adv");
        commitments.sign(adv.id());
        String campaign = created(adv.http().json("POST", "/api/v1/marketing/campaigns", "{\"name\": \"Sauvegarde\","
                + " \"marketingPurpose\": \"loyalty-prospecting\", \"channel\": \"email\","
                + " \"subject\": {\"fr\": \"Nouveautés Gestan Cloud\", \"en\": \"What is new in Gestan Cloud\"},"
                + " \"body\": {\"fr\": \"Bonjour,\\nDécouvrez la sauvegarde.\\n{sender}\\n{objection}\","
                + " \"en\": \"Hello,\\nDiscover the backup.\\n{sender}\\n{objection}\"},"
                + " \"segment\": {\"statuses\": [\"prospect\"]}}"));
        grants.grantIndividual(adv.id(), "customer-service", Set.of(Subjects.IDENTITY, Subjects.CONTACT), List.of(ResourceRef.subject(person)),
                clock.instant().plus(Duration.ofDays(1)), "accessibility check of the person's marketing pages", dpo.id());
        browser.forget();
        browser.signIn(adv.member().login(), adv.password(), adv.secret());
        check("GET /backoffice/personnes/{id}/prospection", "/backoffice/personnes/" + person + "/prospection");
        check("GET /backoffice/personnes/{id}/appels", "/backoffice/personnes/" + person + "/appels");
        check("GET /backoffice/prospection/statistiques", "/backoffice/prospection/statistiques");
        check("GET /backoffice/prospection/campagnes", "/backoffice/prospection/campagnes");
        check("GET /backoffice/prospection/campagnes/{id}", "/backoffice/prospection/campagnes/" + campaign);
        check("GET /backoffice/prospection/campagnes/{id}/modifier", "/backoffice/prospection/campagnes/" + campaign + "/modifier");
        check("GET /backoffice/prospection/campagnes/{id}/appels", "/backoffice/prospection/campagnes/" + campaign + "/appels");

        assertThat(problems).as("serious or critical accessibility violations").isEmpty();
        assertThat(visited.keySet()).containsExactlyInAnyOrderElementsOf(STAFF_PAGES);
    }

    static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.of(response).path("id").asString();
    }
}
