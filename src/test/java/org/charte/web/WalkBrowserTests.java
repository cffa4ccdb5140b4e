package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.StaffDirectory;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Browser;
import org.charte.testing.Http;
import org.charte.testing.MailServer;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two walks in a real browser, as people make them: clicks and typing, a link followed from a mail,
 * and pictures of each step at a laptop's and a phone's width under {@code target/screenshots/}.
 * A person asks for their data from the home page and downloads the answer, in French and in
 * English; the DPO goes through their day: the desk, a request, the audit log, retention.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkBrowserTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Subjects subjects;

    Browser browser;

    Browser browser() {
        if (browser == null) {
            browser = Browser.open(port);
        }
        return browser;
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The French and English words of the walk. */
    record Language(String code, String home, String centre, String name, String answerSubject, String downloadPath) {}

    static final Language FRENCH = new Language("fr", "/", "/mes-droits", "Camille Promeneuse", "Réponse", "/telechargement/");
    static final Language ENGLISH = new Language("en", "/en", "/en/my-rights", "Camille Walker", "Answer", "/en/download/");

    @Test
    @DisplayName("L10 R9.1 in a browser, in French: from the home page to the privacy centre, the access form, the e-mailed code, the answer's link and the file downloaded, with screenshots at 1280 and 390 px")
    void personsWalkInFrench() throws IOException {
        personsWalk(FRENCH);
    }

    @Test
    @DisplayName("L10 R9.1 in a browser, in English: from the home page to the privacy centre, the access form, the e-mailed code, the answer's link and the file downloaded, with screenshots at 1280 and 390 px")
    void personsWalkInEnglish() throws IOException {
        personsWalk(ENGLISH);
    }

    void personsWalk(Language language) throws IOException {
        String walk = "person-" + language.code();
        String email = "walk-" + language.code() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "PROMENEUSE", "Camille", LocalDate.of(1984, 6, 7)),
                new Contacts(List.of(), List.of(email), List.of()), null), LocalDate.now(clock));
        Browser b = browser();
        b.forget();

        b.go(language.home());
        assertThat(b.find(By.tagName("html")).getAttribute("lang")).isEqualTo(language.code());
        b.screenshots(walk, "01-home-" + language.code());

        b.click(By.id("rights-centre-link"));
        assertThat(b.find(By.tagName("html")).getAttribute("lang")).isEqualTo(language.code());
        assertThat(b.find(By.id("right-access")).isDisplayed()).isTrue();
        b.screenshots(walk, "02-privacy-centre-" + language.code());

        b.click(By.cssSelector("#right-access a"));
        assertThat(b.path()).contains("type=access");
        b.type(By.id("name"), language.name());
        b.type(By.id("email"), email);
        b.screenshots(walk, "03-access-form-" + language.code());
        b.click(By.id("send"));
        assertThat(b.path()).contains("/verification/");
        b.screenshots(walk, "04-verification-" + language.code());

        String code = MailServer.find(MailServer.latest(email, "code"), "(\\d{6})");
        b.type(By.id("code"), code);
        b.click(By.id("check"));
        assertThat(b.text(By.id("verified"))).contains("R-");
        assertThat(b.seriousAccessibilityViolations()).as("axe-core on the page after the code").isEmpty();
        b.screenshots(walk, "05-verified-" + language.code());

        // The request of a person Charte knows is answered at once (charte.rights.auto-answer); the mail carries the link.
        String answer = MailServer.latest(email, language.answerSubject());
        String link = MailServer.find(answer, "(http://\\S+" + language.downloadPath() + "[A-Za-z0-9_-]{43})");
        b.follow(link);
        assertThat(b.find(By.tagName("html")).getAttribute("lang")).isEqualTo(language.code());
        b.screenshots(walk, "06-download-" + language.code());
        b.find(By.id("get")).click();
        Path report = b.downloaded("-access.html");
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains("PROMENEUSE", "Camille", email);
        Files.delete(report);
    }

    @Test
    @DisplayName("L10 R6.5 the DPO's day in a browser: sign-in with the second factor, the desk, a person's erasure request produced from it, the audit log that recorded it, the retention overview, in French and English, with screenshots at 1280 and 390 px")
    void dposDay() {
        String walk = "dpo";
        Staff dpo = Staff.signedIn(directory, port, "dpo");
        commitments.sign(dpo.id());
        // A person's erasure request, verified by its e-mailed code, waits for the DPO's review.
        String email = "walk-dpo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", "EFFACE", "Sacha", LocalDate.of(1979, 8, 9)),
                new Contacts(List.of(), List.of(email), List.of()), null), LocalDate.now(clock));
        UUID requestId = PrivacyCentre.at(port).askAndVerify("erasure", "Sacha Efface", email, "Effacez tout, merci.", Map.of());

        Browser b = browser();
        b.forget();
        b.go("/");
        b.click(By.cssSelector("header a[href='/backoffice']"));
        assertThat(b.path()).startsWith("/backoffice/connexion");
        b.screenshots(walk, "01-sign-in-fr");
        b.type(By.id("username"), dpo.member().login());
        b.type(By.id("password"), dpo.password());
        b.click(By.cssSelector("main form button[type=submit]"));
        assertThat(b.path()).startsWith("/backoffice/code");
        b.screenshots(walk, "02-second-factor-fr");
        b.type(By.id("code"), Http.nextCode(dpo.secret()));
        b.click(By.cssSelector("main form button[type=submit]"));
        assertThat(b.path()).isEqualTo("/backoffice");
        b.screenshots(walk, "03-dashboard-fr");

        b.click(By.id("desk-link"));
        assertThat(b.text(By.tagName("h1"))).isEqualTo("Bureau du DPO");
        b.screenshots(walk, "04-desk-fr");
        b.click(By.cssSelector("a.lang"));
        assertThat(b.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        b.screenshots(walk, "05-desk-en");
        b.click(By.cssSelector("a.lang"));

        // From the desk's rights requests to the person's request, whose erasure the DPO produces.
        b.click(By.cssSelector("section[data-section=rights-requests] h2 a"));
        assertThat(b.path()).startsWith("/backoffice/droits");
        b.screenshots(walk, "06-requests-fr");
        b.click(By.cssSelector("main a[href$='/backoffice/droits/" + requestId + "']"));
        assertThat(b.path()).isEqualTo("/backoffice/droits/" + requestId);
        String statusBefore = b.text(By.id("status"));
        String reference = MailServer.find(b.text(By.tagName("main")), "(R-\\d{4}-\\d{6})");
        b.screenshots(walk, "07-request-fr");
        b.click(By.cssSelector("main form[action$='/production'] button[type=submit]"));
        assertThat(b.path()).startsWith("/backoffice/droits/" + requestId);
        assertThat(b.text(By.id("status"))).isNotEqualTo(statusBefore);
        assertThat(b.seriousAccessibilityViolations()).as("axe-core on the request once answered").isEmpty();
        b.screenshots(walk, "08-request-answered-fr");
        assertThat(MailServer.latest(email, "Réponse")).contains("R-");

        // The audit log recorded the DPO's work, under their name (R6.5).
        b.click(By.cssSelector("header a[href='/backoffice']"));
        b.click(By.cssSelector("nav.staff-bar a[href='/backoffice/audit']"));
        assertThat(b.path()).startsWith("/backoffice/audit");
        assertThat(b.text(By.cssSelector("table.audit"))).contains(reference)
                .satisfiesAnyOf(log -> assertThat(log).contains(dpo.member().displayName()), log -> assertThat(log).contains(dpo.id().toString()));
        b.screenshots(walk, "09-audit-log-fr");
        b.click(By.cssSelector("a.lang"));
        assertThat(b.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        b.screenshots(walk, "10-audit-log-en");

        b.click(By.cssSelector("header a[href='/backoffice']"));
        b.click(By.cssSelector("nav.staff-bar a[href='/backoffice/conservation']"));
        assertThat(b.path()).startsWith("/backoffice/conservation");
        b.screenshots(walk, "11-retention-fr");
        b.click(By.cssSelector("a.lang"));
        assertThat(b.find(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        b.screenshots(walk, "12-retention-en");
    }
}
