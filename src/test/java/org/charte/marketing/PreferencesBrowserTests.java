package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Zones;
import org.charte.marketing.MarketingChoices.NewConsent;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Browser;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The preferences page a marketing mail links to (L5, R9.9), in a real browser (Debian's headless
 * Chromium and its chromedriver), used with the keyboard only, in French and in English.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreferencesBrowserTests extends RightsTestBase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String NEWSLETTERS = "newsletters";

    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired MarketingMail mails;
    @Autowired Solicitations solicitations;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        if (browser != null) {
            Browser.reset(browser, port);
            return;
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (./charte test installs them when run as root)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR", "--accept-lang=fr-FR,fr");
        // a French browser asks for French pages: the unsubscribe pages follow Accept-Language (headless Chromium sends en-US otherwise)
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    UUID consenting() {
        String email = "prefs-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String phone = "+33614" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        UUID id = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "CLAVIER", "Inès", LocalDate.of(1988, 6, 9)),
                new Contacts(List.of(new PostalAddress(List.of("1 place Darcy"), "21000", "Dijon", "FR")), List.of(email), List.of(phone)), null),
                today().minusMonths(1));
        choices.consent(Actor.subject(id), "rights-requests", id, new NewConsent(MarketingChannel.EMAIL, NEWSLETTERS, Means.FORM,
                "newsletter-form-v3", "https://www.example.org/inscription"));
        return id;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(Zones.PARIS));
    }

    boolean mayMail(UUID id) {
        return solicitations.maySolicit(id, MarketingChannel.EMAIL, NEWSLETTERS, today()).allowed();
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

    /** Presses Enter on the focused button and waits for the page the form's answer loads (a key press does not wait for it). */
    void saveWithEnter() {
        WebElement before = browser.findElement(By.tagName("html"));
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.gone(before));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    }

    /** Unticks then ticks again the e-mail newsletters, keyboard only, on the page in that language. */
    void roundTrip(UUID id, String lang, String heading, String saved) {
        String url = mails.unsubscribeUrl(id, MarketingChannel.EMAIL, NEWSLETTERS) + (lang.equals("en") ? "?lang=en" : "");
        browser.get(url);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(heading);
        assertThat(browser.findElements(By.cssSelector("fieldset.preferences legend"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("label[for='on-email-newsletters']"))).hasSize(1);
        assertThat(browser.findElement(By.id("on-email-newsletters")).isSelected()).isTrue();

        tabTo("on-email-newsletters");
        new Actions(browser).sendKeys(Keys.SPACE).perform();
        tabTo("save");
        saveWithEnter();
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo(saved);
        assertThat(mayMail(id)).isFalse();
        assertThat(browser.findElement(By.id("on-email-newsletters")).isSelected()).isFalse();

        tabTo("on-email-newsletters");
        new Actions(browser).sendKeys(Keys.SPACE).perform();
        tabTo("save");
        saveWithEnter();
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo(saved);
        assertThat(mayMail(id)).isTrue();
        assertThat(browser.findElement(By.id("on-email-newsletters")).isSelected()).isTrue();
    }

    @Test
    @DisplayName("L5 R9.9 the preferences page in French: every purpose × channel, changed with the keyboard alone, applied at once")
    void french() {
        roundTrip(consenting(), "fr", "Vos choix de sollicitations commerciales", "Vos choix sont enregistrés et appliqués dès maintenant.");
    }

    @Test
    @DisplayName("L5 R9.9 the preferences page in English: every purpose × channel, changed with the keyboard alone, applied at once")
    void english() {
        roundTrip(consenting(), "en", "Your marketing choices", "Your choices are saved and apply from now on.");
    }
}
