package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Browser;
import org.charte.testing.Http;
import org.charte.testing.MailServer;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The campaign pages (R9.9, L9) in a real browser (Debian's headless Chromium and its
 * chromedriver): sales administration defines an e-mail campaign with the keyboard, sees its
 * template refused in words, fixes it, runs the dry run, confirms the sending with the dry run's
 * numbers and sends; GreenMail receives the mails. Once in French, once in English, where every
 * page stays English.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignPagesBrowserTests extends RightsTestBase {

    static final String PURPOSE = "loyalty-prospecting";
    static final String OWN = "rights-requests";
    /** Each test's people have a last-contact day of their own, which its campaign targets. */
    static final AtomicInteger DAYS = new AtomicInteger();
    /** Words of the French pages that an English page must never show. */
    static final List<String> FRENCH = List.of("Campagne", "Brouillon", "Envoyer", "personne(s)", "Finalité", "Canal", "Retour", "Essai", "Oui,");

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        if (browser != null) {
            Browser.reset(browser, port);
            return;
        }
        Assumptions.assumeTrue(Files.isExecutable(PreferencesBrowserTests.CHROMIUM) && Files.isExecutable(PreferencesBrowserTests.CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (./charte test installs them when run as root)");
        System.setProperty("webdriver.chrome.driver", PreferencesBrowserTests.CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(PreferencesBrowserTests.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR", "--accept-lang=fr-FR,fr");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(PreferencesBrowserTests.CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void waitForPage(WebElement before) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(Browser.gone(before));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    void submit(String fieldId, String text) {
        WebElement before = browser.findElement(By.tagName("html"));
        browser.findElement(By.id(fieldId)).sendKeys(text, Keys.ENTER);
        waitForPage(before);
    }

    /** Presses Tab until the element with this id has the focus; the focus must be drawn. */
    void tabTo(String id) {
        for (int i = 0; i < 800; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement active = browser.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                assertThat(active.getCssValue("outline-style")).as("focus visible on " + id).isNotEqualTo("none");
                return;
            }
        }
        throw new AssertionError("Tab never reached " + id);
    }

    /** Tabs to the control, presses Enter and waits for the page it loads. */
    void press(String id) {
        tabTo(id);
        WebElement before = browser.findElement(By.tagName("html"));
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        waitForPage(before);
    }

    /** Tabs to a field and types into it (what was there first erased). */
    void type(String id, String text) {
        tabTo(id);
        WebElement field = browser.switchTo().activeElement();
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    /** An English page: its language says so and no French word of these pages shows. */
    void english() {
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        // the list of campaigns shows other tests' names, in whatever language they were written
        String text = (String) ((JavascriptExecutor) browser).executeScript(
                "const b = document.body.cloneNode(true); b.querySelectorAll('table.campaigns').forEach(t => t.remove()); return b.textContent;");
        for (String word : FRENCH) {
            assertThat(text).as("an English page shows no French: " + word).doesNotContain(word);
        }
    }

    @Test
    @DisplayName("R9.9 L9 sales administration creates an e-mail campaign with the keyboard, sees its template refused in French, fixes it, "
            + "runs the dry run, confirms with its numbers and sends; GreenMail receives the mails, the objected person gets none")
    void frenchCampaign() {
        campaign(false);
    }

    @Test
    @DisplayName("R9.9 L9 the same in English: every campaign page, the refusal, the dry run and the confirmation in English")
    void englishCampaign() {
        campaign(true);
    }

    void campaign(boolean en) {
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        Staff adv = world.staff("adv");
        LocalDate day = world.today().minusDays(900 + DAYS.getAndIncrement() + (en ? 50 : 0));
        String first = "navigateur-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String second = "navigateur-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String objected = "navigateur-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        for (String email : List.of(first, second, objected)) {
            UUID person = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "NAVIGATEUR", "Léa", LocalDate.of(1985, 3, 3)),
                    new Contacts(List.of(), List.of(email), List.of()), null), day);
            choices.consent(Actor.subject(person), OWN, person, new MarketingChoices.NewConsent(MarketingChannel.EMAIL, PURPOSE, Means.FORM,
                    "browser-form-v1", null));
            if (email.equals(objected)) {
                choices.object(Actor.subject(person), OWN, person, new MarketingChoices.NewObjection(Set.of(MarketingChannel.EMAIL), PURPOSE,
                        Means.PRIVACY_CENTRE, null), false);
            }
        }

        browser.get(url("/backoffice/connexion"));
        browser.findElement(By.id("username")).sendKeys(adv.member().login());
        submit("password", adv.password());
        submit("code", Http.nextCode(adv.secret()));

        browser.get(url("/backoffice/prospection/campagnes" + (en ? "?lang=en" : "")));
        if (en) {
            english();
        }
        String name = (en ? "Spring news " : "Nouveautés ") + UUID.randomUUID().toString().substring(0, 6);
        type("name", name);
        new Select(browser.findElement(By.id("marketingPurpose"))).selectByValue(PURPOSE);
        new Select(browser.findElement(By.id("channel"))).selectByValue("email");
        type("subjectFr", "Nouveautés Gestan Cloud");
        type("subjectEn", "What is new in Gestan Cloud");
        type("bodyFr", "Bonjour,\nDécouvrez la sauvegarde.\n{objection}");
        type("bodyEn", "Hello,\nDiscover the backup.\n{sender}\n{objection}");
        // the last-contact day isolates this test's people; a date field's typing depends on the browser's locale, so it is set directly
        ((JavascriptExecutor) browser).executeScript("document.getElementById('lastContactFrom').value = arguments[0];"
                + "document.getElementById('lastContactTo').value = arguments[0];", day.toString());
        press("create");

        // Refused: the problem in words, next to the field and in the summary; what was typed is kept.
        WebElement problems = browser.findElement(By.id("problems"));
        assertThat(problems.getText()).contains(en ? "This text does not name the sender: write {sender} or \"ICS-Informatique, éditeur de Gestan Cloud\""
                : "Ce texte ne nomme pas l'expéditeur : écrivez {sender} ou « ICS-Informatique, éditeur de Gestan Cloud »")
                .doesNotContain("no-sender").doesNotContain("body.fr");
        assertThat(browser.findElement(By.id("bodyFr-error")).getText()).contains(en ? "does not name the sender" : "ne nomme pas l'expéditeur");
        assertThat(browser.findElement(By.id("bodyFr")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo(name);
        if (en) {
            english();
        }
        type("bodyFr", "Bonjour,\nDécouvrez la sauvegarde.\n{sender}\n{objection}");
        press("create");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(name);
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo(en ? "Draft" : "Brouillon");
        if (en) {
            english();
        }
        press("dry-run");
        assertThat(browser.findElement(By.id("audience")).getText()).contains(en ? "The segment targets 3 person(s); 2 may be solicited now."
                : "Le segment vise 3 personne(s) ; 2 peuvent être sollicitées maintenant.")
                .contains(en ? "Address on the suppression list" : "Adresse sur la liste d'opposition");
        if (en) {
            english();
        }
        press("send");
        assertThat(browser.findElement(By.id("confirm-send")).getText()).contains(en ? "2 person(s) will get the message now; 1 are left out"
                : "2 personne(s) recevront le message maintenant ; 1 sont écartées");
        assertThat(MailServer.to(first)).as("nothing sent before the confirmation").isEmpty();
        if (en) {
            english();
        }
        press("send-confirmed");
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo(en ? "The campaign is sent." : "La campagne est envoyée.");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo(en ? "Sent" : "Envoyée");
        if (en) {
            english();
        }
        CampaignTests.await(() -> MailServer.to(first).size() == 1 && MailServer.to(second).size() == 1, "the two mails");
        assertThat(MailServer.latest(first, "Nouveautés")).isNotBlank();
        CampaignTests.quietly(300);
        assertThat(MailServer.to(objected)).as("L5: objected").isEmpty();
    }
}
