package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.charte.testing.Browser;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * consent.js on the demo site in a real browser (Debian's headless Chromium and its chromedriver):
 * nothing non-essential before a choice, refusing, accepting one purpose, reopening and withdrawing,
 * Global Privacy Control, the keyboard alone, French and English (R9.11, L3, R5.4).
 */
@Tag("browser")
@Tag("both-databases") // #13 asks these scenarios on H2 and PostgreSQL: the PostgreSQL phase runs them too (pom.xml)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentBrowserTests extends RightsTestBase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Autowired JdbcClient jdbc;

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
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR");
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

    String site(String query) {
        return "http://127.0.0.1:" + port + "/demo/site" + query;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    WebElement dialog() {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cc")));
    }

    void dialogGone() {
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("cc"), 0));
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    List<String> cookieNames() {
        return browser.manage().getCookies().stream().map(Cookie::getName).toList();
    }

    UUID consentId() {
        Cookie cookie = waiting().until(d -> d.manage().getCookieNamed("charte_consent"));
        return UUID.fromString(cookie.getValue().split("\\.")[0]);
    }

    /** A recorded proof: its method and choice per purpose. */
    record Proof(String method, Map<String, Boolean> choices) {}

    /** The choices a proof's row keeps (V53: a JSON object in its own row), by purpose. */
    static Map<String, Boolean> choices(String stored) {
        return new TreeMap<>(JsonMapper.shared().readValue(stored, new TypeReference<Map<String, Boolean>>() {}));
    }

    /** The consent id's proofs once there are {@code count} of them (the script posts without waiting). */
    List<Proof> proofs(UUID consentId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Proof> proofs = new ArrayList<>();
            jdbc.sql("SELECT method, choices FROM consent_record WHERE consent_id = ? ORDER BY recorded_at, id").param(consentId)
                    .query((rs, n) -> Map.entry(rs.getString("method"), rs.getString("choices"))).list()
                    .forEach(row -> proofs.add(new Proof(row.getKey(), ConsentBrowserTests.choices(row.getValue()))));
            if (proofs.size() >= count || System.nanoTime() > deadline) {
                assertThat(proofs).as("proofs of " + consentId).hasSize(count);
                return proofs;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    void nothingNonEssential() {
        assertThat(cookieNames()).as("no cookie before a choice").isEmpty();
        assertThat(((Number) js("return window.localStorage.length")).intValue()).as("no local storage").isZero();
        assertThat(js("return window.demoAudienceRan === true")).as("the audience tag did not run").isEqualTo(false);
        assertThat(js("return window.demoShareRan === true")).as("the share button did not load").isEqualTo(false);
        assertThat(browser.findElement(By.id("audience-status")).getAttribute("data-ran")).isEqualTo("false");
    }

    void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    /** Presses Tab until the element with this id has the focus, which must be drawn. */
    void tabTo(String id) {
        for (int i = 0; i < 30; i++) {
            press(Keys.TAB);
            WebElement active = browser.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                assertThat(active.getCssValue("outline-style")).as("focus visible on " + id).isNotEqualTo("none");
                return;
            }
        }
        throw new AssertionError("Tab never reached " + id);
    }

    @Test
    @DisplayName("R9.11 L3 before any choice nothing non-essential is set or run; the first layer offers Tout accepter, Tout refuser and Personnaliser alike; refusing all is proved")
    void refuseAll() {
        browser.get(site(""));
        WebElement dialog = dialog();
        nothingNonEssential();
        assertThat(dialog.getAttribute("role")).isEqualTo("dialog");
        assertThat(dialog.getAttribute("aria-modal")).isEqualTo("true");
        assertThat(browser.findElement(By.id(dialog.getAttribute("aria-labelledby"))).getText()).isEqualTo("Vos choix en matière de cookies");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the focus moves into the dialog").isEqualTo("cc");
        WebElement accept = browser.findElement(By.id("cc-accept"));
        WebElement refuse = browser.findElement(By.id("cc-refuse"));
        WebElement custom = browser.findElement(By.id("cc-custom"));
        assertThat(List.of(accept.getText(), refuse.getText(), custom.getText())).containsExactly("Tout accepter", "Tout refuser", "Personnaliser");
        for (String property : List.of("background-color", "color", "font-size", "font-weight", "padding-top", "border-top-width")) {
            assertThat(refuse.getCssValue(property)).as("refusing as prominent as accepting: " + property).isEqualTo(accept.getCssValue(property))
                    .isEqualTo(custom.getCssValue(property));
        }
        assertThat(refuse.getSize().getHeight()).isEqualTo(accept.getSize().getHeight());
        assertThat(browser.findElement(By.id("cc-close")).getAttribute("aria-label")).isEqualTo("Fermer : tout refuser");

        refuse.click();
        dialogGone();
        UUID consentId = consentId();
        assertThat(proofs(consentId, 1)).containsExactly(new Proof("banner", Map.of("audience", false, "social-sharing", false)));
        assertThat(cookieNames()).containsExactly("charte_consent");
        assertThat(js("return window.demoAudienceRan === true")).isEqualTo(false);

        browser.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("manage-link")));
        assertThat(browser.findElements(By.id("cc"))).as("a refusal is remembered: no banner on the next page").isEmpty();
        assertThat(js("return window.demoAudienceRan === true")).isEqualTo(false);
        Cookie choice = browser.manage().getCookieNamed("charte_consent");
        assertThat(choice.getExpiry()).as("R5.4 the choice cookie expires within 13 months").isBefore(new Date(System.currentTimeMillis() + 397L * 86400 * 1000));
    }

    @Test
    @DisplayName("R9.11 L3 accepting one purpose runs only its tag; reopening with the permanent link and withdrawing removes that purpose's cookie at once; each choice proved, and the settings link to that proof in words")
    void acceptOneThenWithdraw() {
        browser.get(site(""));
        dialog();
        browser.findElement(By.id("cc-custom")).click();
        WebElement audience = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-purpose-switch=audience]")));
        WebElement sharing = browser.findElement(By.cssSelector("[data-purpose-switch=social-sharing]"));
        assertThat(audience.isSelected()).as("off by default").isFalse();
        assertThat(sharing.isSelected()).as("off by default").isFalse();
        assertThat(browser.findElement(By.id("cc")).getText()).contains("charte_audience").contains("13 mois").contains("LinkedIn");
        audience.click();
        browser.findElement(By.id("cc-save")).click();
        dialogGone();
        waiting().until(d -> Boolean.TRUE.equals(js("return window.demoAudienceRan === true")));
        assertThat(js("return window.demoShareRan === true")).as("only the accepted purpose's tag runs").isEqualTo(false);
        assertThat(cookieNames()).containsExactlyInAnyOrder("charte_consent", "charte_audience");
        UUID consentId = consentId();
        assertThat(proofs(consentId, 1)).containsExactly(new Proof("banner", Map.of("audience", true, "social-sharing", false)));

        browser.findElement(By.id("manage-link")).click();
        dialog();
        WebElement again = browser.findElement(By.cssSelector("[data-purpose-switch=audience]"));
        assertThat(again.isSelected()).as("the settings show the choice in force").isTrue();
        again.click();
        browser.findElement(By.id("cc-save")).click();
        dialogGone();
        assertThat(cookieNames()).as("withdrawing removes the purpose's cookie at once").containsExactly("charte_consent");
        assertThat(consentId()).as("the same consent id").isEqualTo(consentId);
        List<Proof> proofs = proofs(consentId, 2);
        assertThat(proofs.get(1)).isEqualTo(new Proof("settings", Map.of("audience", false, "social-sharing", false)));

        browser.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("manage-link")));
        assertThat(js("return window.demoAudienceRan === true")).as("withdrawn: the tag no longer runs").isEqualTo(false);

        // L3: the settings lead to the proof of one's choices, in words
        browser.findElement(By.id("manage-link")).click();
        dialog();
        WebElement proof = browser.findElement(By.id("cc-proof"));
        assertThat(proof.getText()).isEqualTo("La preuve de mes choix");
        proof.click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("proofs")));
        assertThat(browser.getCurrentUrl()).endsWith("/mes-choix-cookies/" + consentId);
        List<String> lines = browser.findElements(By.cssSelector("#proofs > li")).stream().map(WebElement::getText).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("sur le bandeau").contains("Mesure de fréquentation et d'audience : accepté");
        assertThat(lines.get(1)).contains("dans les réglages rouverts").contains("Mesure de fréquentation et d'audience : refusé");
    }

    @Test
    @DisplayName("R9.11 with Global Privacy Control (navigator.globalPrivacyControl) no banner shows, a refusal of every purpose is proved as GPC, and the link still opens the choices")
    void globalPrivacyControl() {
        Object signal = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});")).get("identifier");
        try {
            withGlobalPrivacyControl();
        } finally {
            // the class's next tests use this browser again, without the signal
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", signal));
        }
    }

    void withGlobalPrivacyControl() {
        browser.get(site(""));
        UUID consentId = consentId();
        assertThat(browser.findElements(By.id("cc"))).as("no banner").isEmpty();
        assertThat(proofs(consentId, 1)).containsExactly(new Proof("gpc", Map.of("audience", false, "social-sharing", false)));
        assertThat(cookieNames()).containsExactly("charte_consent");
        assertThat(js("return window.demoAudienceRan === true")).isEqualTo(false);
        browser.findElement(By.id("manage-link")).click();
        assertThat(dialog().getText()).contains("Global Privacy Control");
    }

    @ParameterizedTest(name = "R9.11 with {0}: {1} sent as a header only (no script-readable signal), no banner shows, no beacon goes, a refusal of every purpose is proved as {0}")
    @CsvSource({"gpc, Sec-GPC", "dnt, DNT"})
    void signalSentAsAHeader(String method, String header) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of(header, "1")));
        try {
            browser.get(site(""));
            assertThat(js("return navigator.globalPrivacyControl === true || navigator.doNotTrack === '1'")).as("the page's script sees no signal")
                    .isEqualTo(false);
            UUID consentId = consentId();
            assertThat(browser.findElements(By.id("cc"))).as("no banner").isEmpty();
            assertThat(proofs(consentId, 1)).containsExactly(new Proof(method, Map.of("audience", false, "social-sharing", false)));
            assertThat(cookieNames()).containsExactly("charte_consent");
            assertThat(js("return window.demoAudienceRan === true")).isEqualTo(false);
            assertThat(js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/beacon/')).length")).as("no beacon")
                    .isEqualTo(0L);
        } finally {
            // the class's next tests use this browser again, without the header
            browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
            browser.executeCdpCommand("Network.disable", Map.of());
        }
    }

    @Test
    @DisplayName("R9.11 L3 with the keyboard alone, in English: Tab reaches every control with a visible focus and stays in the dialog, Enter customises, Space ticks, Enter saves")
    void keyboardOnlyInEnglish() {
        browser.get(site("?lang=en"));
        WebElement dialog = dialog();
        assertThat(dialog.getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("cc-t")).getText()).isEqualTo("Your cookie choices");
        assertThat(browser.findElement(By.id("cc-accept")).getText()).isEqualTo("Accept all");
        assertThat(browser.findElement(By.id("cc-refuse")).getText()).isEqualTo("Refuse all");
        tabTo("cc-close");
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the focus stays in the dialog").isEqualTo("cc-custom");
        press(Keys.ENTER);
        WebElement audience = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-purpose-switch=audience]")));
        assertThat(browser.findElement(By.cssSelector("label[for=cc-p-audience]")).getText()).contains("I accept this purpose");
        tabTo("cc-p-audience");
        press(Keys.SPACE);
        assertThat(audience.isSelected()).isTrue();
        tabTo("cc-save");
        press(Keys.ENTER);
        dialogGone();
        waiting().until(d -> Boolean.TRUE.equals(js("return window.demoAudienceRan === true")));
        UUID consentId = consentId();
        assertThat(proofs(consentId, 1)).containsExactly(new Proof("banner", Map.of("audience", true, "social-sharing", false)));
        assertThat(browser.switchTo().activeElement().getTagName()).as("the focus goes back to the page").isNotEqualTo("button");
    }

    @Test
    @DisplayName("L3 R5.4 a choice, a refusal as an acceptance, is asked again once 6 months have passed on the server's clock, under the same consent id")
    void askedAgainAfterSixMonths() {
        browser.get(site(""));
        dialog();
        browser.findElement(By.id("cc-accept")).click();
        dialogGone();
        UUID consentId = consentId();
        proofs(consentId, 1);
        Date expiry = browser.manage().getCookieNamed("charte_consent").getExpiry();
        clock.advance(Duration.ofDays(150));
        browser.navigate().refresh();
        waiting().until(d -> Boolean.TRUE.equals(js("return window.demoAudienceRan === true")));
        assertThat(browser.findElements(By.id("cc"))).as("five months on: the choice stands").isEmpty();
        browser.findElement(By.id("manage-link")).click();
        dialog();
        press(Keys.ESCAPE);
        dialogGone();
        assertThat(browser.manage().getCookieNamed("charte_consent").getExpiry()).as("R5.4 never silently extended: not by a visit, not by reopening the settings")
                .isEqualTo(expiry);
        proofs(consentId, 1);
        clock.advance(Duration.ofDays(40));
        browser.navigate().refresh();
        dialog();
        assertThat(js("return window.demoAudienceRan === true")).as("an expired choice no longer runs the tag").isEqualTo(false);
        browser.findElement(By.id("cc-refuse")).click();
        dialogGone();
        assertThat(consentId()).isEqualTo(consentId);
        assertThat(proofs(consentId, 2).get(1)).isEqualTo(new Proof("banner", Map.of("audience", false, "social-sharing", false)));
        assertThat(cookieNames()).as("the refused purpose's cookie is gone").containsExactly("charte_consent");
        clock.advance(Duration.ofDays(150));
        browser.navigate().refresh();
        waiting().until(d -> Boolean.TRUE.equals(js("return window.CharteConsent && window.CharteConsent.choices() !== null")));
        assertThat(browser.findElements(By.id("cc"))).as("a refusal is remembered as long as an acceptance: five months on, it stands").isEmpty();
        assertThat(js("return window.demoAudienceRan === true")).isEqualTo(false);
        clock.advance(Duration.ofDays(40));
        browser.navigate().refresh();
        dialog();
        browser.findElement(By.id("cc-refuse")).click();
        dialogGone();
        assertThat(proofs(consentId, 3).get(2).method()).as("asked again, the refusal too").isEqualTo("banner");
    }

    @ParameterizedTest(name = "L3 R9.11 closing with {0}, in French, refuses every purpose and is proved like any refusal; closing the reopened settings changes nothing")
    @ValueSource(strings = {"Escape", "the × button"})
    void closingRefuses(String how) {
        browser.get(site(""));
        dialog();
        close(how, "Fermer : tout refuser");
        dialogGone();
        UUID consentId = consentId();
        assertThat(proofs(consentId, 1)).containsExactly(new Proof("banner", Map.of("audience", false, "social-sharing", false)));
        assertThat(cookieNames()).containsExactly("charte_consent");
        browser.findElement(By.id("manage-link")).click();
        dialog();
        close(how, "Fermer");
        dialogGone();
        assertThat(proofs(consentId, 1)).as("closing the reopened settings changes nothing").hasSize(1);
    }

    /** Closes the dialog with Escape or its × button, whose name says what it does: refuse all on the first layer, only close afterwards. */
    void close(String how, String named) {
        if (how.equals("Escape")) {
            press(Keys.ESCAPE);
        } else {
            WebElement close = browser.findElement(By.id("cc-close"));
            assertThat(close.getAttribute("aria-label")).isEqualTo(named);
            close.click();
        }
    }
}
