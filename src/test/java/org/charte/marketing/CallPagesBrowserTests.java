package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Browser;
import org.charte.testing.Http;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The call agents' page (L2) in a real browser (Debian's headless Chromium and its chromedriver):
 * an agent signs in with both factors, goes from the person's page to the calls page with the
 * keyboard, records an attempt the person refused, then sees the next attempt refused with its
 * reason in words and nothing recorded.
 */
@Tag("browser")
class CallPagesBrowserTests extends RightsTestBase {

    static final String CS = "customer-service";
    static final String PURPOSE = "loyalty-prospecting";

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired JdbcClient jdbc;

    WebDriver browser;

    @BeforeEach
    void openBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(PreferencesBrowserTests.CHROMIUM) && Files.isExecutable(PreferencesBrowserTests.CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (./charte test installs them when run as root)");
        System.setProperty("webdriver.chrome.driver", PreferencesBrowserTests.CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(PreferencesBrowserTests.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR", "--accept-lang=fr-FR,fr");
        // a French browser asks for French pages: the unsubscribe pages follow Accept-Language (headless Chromium sends en-US otherwise)
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(PreferencesBrowserTests.CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Types into the focused page's field and presses Enter, then waits for the page the form loads. */
    void submit(String fieldId, String text) {
        WebElement before = browser.findElement(By.tagName("html"));
        browser.findElement(By.id(fieldId)).sendKeys(text, Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(Browser.gone(before));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Presses Tab until the element with this id has the focus; the focus must be drawn. */
    void tabTo(String id) {
        for (int i = 0; i < 80; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement active = browser.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                assertThat(active.getCssValue("outline-style")).as("focus visible on " + id).isNotEqualTo("none");
                return;
            }
        }
        throw new AssertionError("Tab never reached " + id);
    }

    /** Presses Enter on the focused control and waits until the page it loads shows this element. */
    void enterAndWaitFor(String id) {
        WebElement before = browser.findElement(By.tagName("html"));
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(Browser.gone(before));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    @Test
    @DisplayName("L2 an agent records from the calls page, with the keyboard, an attempt the person refused; the next attempt is refused "
            + "in words (refused less than 60 days ago) and nothing more is recorded")
    void recordsThenSeesTheRefusal() {
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        Staff adv = world.staff("adv");
        String phone = "+33615" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        UUID subject = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "TOUCHE", "Clémence", LocalDate.of(1982, 1, 9)),
                new Contacts(List.of(new PostalAddress(List.of("2 rue Monge"), "21000", "Dijon", "FR")),
                        List.of("touche-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org"), List.of(phone)), null), world.today());
        grants.grantIndividual(adv.id(), CS, Set.of(Subjects.IDENTITY, Subjects.CONTACT), List.of(ResourceRef.subject(subject)),
                clock.instant().plus(Duration.ofDays(1)), "test of the calls page in a browser", world.dpo().id());
        Actor agent = Actor.staff(adv.id());
        choices.consent(agent, CS, subject, new MarketingChoices.NewConsent(MarketingChannel.PHONE, PURPOSE, Means.PHONE, "phone-script-v2", null));
        // consented to other times: whatever the hour the test runs at, only the attempts and the refusal decide
        choices.callHours(agent, CS, subject, new MarketingChoices.NewCallHours(true, Means.PHONE, "Accepte les appels à toute heure"));

        browser.get(url("/backoffice/connexion"));
        browser.findElement(By.id("username")).sendKeys(adv.member().login());
        submit("password", adv.password());
        submit("code", Http.nextCode(adv.secret()));

        browser.get(url("/backoffice/personnes/" + subject));
        tabTo("calls-link");
        enterAndWaitFor("record");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Appels de prospection");
        assertThat(browser.findElement(By.id("person")).getText()).isEqualTo("Personne : Clémence TOUCHE");
        new Select(browser.findElement(By.id("showPurpose"))).selectByValue(PURPOSE);
        tabTo("show");
        enterAndWaitFor("record");
        assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("La personne peut être appelée maintenant pour cette finalité.");

        new Select(browser.findElement(By.id("marketingPurpose"))).selectByValue(PURPOSE);
        new Select(browser.findElement(By.id("outcome"))).selectByValue("refused");
        tabTo("record");
        enterAndWaitFor("notice");
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Tentative enregistrée.");
        assertThat(browser.findElement(By.id("attempts")).getText()).contains("Refus pendant l'appel", "Test adv");
        assertThat(browser.findElement(By.id("verdict")).getText())
                .isEqualTo("La personne ne peut pas être appelée maintenant : la personne a refusé pendant un appel il y a moins de 60 jours.");

        new Select(browser.findElement(By.id("outcome"))).selectByValue("answered");
        tabTo("record");
        enterAndWaitFor("refused");
        assertThat(browser.findElement(By.id("refused")).getText()).isEqualTo(
                "Cet appel n'est pas autorisé, rien n'a été enregistré : la personne a refusé pendant un appel il y a moins de 60 jours.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_call WHERE subject_id = ?").param(subject).query(Long.class).single()).isEqualTo(1);
    }
}
