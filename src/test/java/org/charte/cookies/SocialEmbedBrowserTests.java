package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
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

/**
 * Social networks' buttons and embeds behind consent.js in a real browser (Debian's headless
 * Chromium): before consent to social sharing, a click-to-load placeholder stands where each of
 * them would be and nothing of theirs is fetched; loading records that consent and shows them;
 * withdrawing unloads them (R7.2, R9.11, L3). And Charte's own pages, which set only essential
 * cookies: no banner, a settings link that says so.
 */
@Tag("browser")
@Tag("both-databases") // #13 asks these scenarios on H2 and PostgreSQL: the PostgreSQL phase runs them too (pom.xml)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocialEmbedBrowserTests extends RightsTestBase {

    @Autowired JdbcClient jdbc;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        if (browser != null) {
            Browser.reset(browser, port);
            return;
        }
        Assumptions.assumeTrue(Files.isExecutable(ConsentBrowserTests.CHROMIUM) && Files.isExecutable(ConsentBrowserTests.CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (./charte test installs them when run as root)");
        System.setProperty("webdriver.chrome.driver", ConsentBrowserTests.CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ConsentBrowserTests.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(ConsentBrowserTests.CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().window().setSize(new Dimension(1280, 1600));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    List<WebElement> placeholders() {
        return browser.findElements(By.cssSelector(".cc-ph[data-cc-ph=social-sharing]"));
    }

    WebElement placeholderOf(String network) {
        return placeholders().stream().filter(p -> p.getText().contains(network)).findFirst()
                .orElseThrow(() -> new AssertionError("no placeholder names " + network));
    }

    /** What the page fetched: the social content must not be among it before consent. */
    @SuppressWarnings("unchecked")
    List<String> fetched() {
        return (List<String>) js("return performance.getEntriesByType('resource').map(function(e){return e.name})");
    }

    /** Nothing of the networks loaded: no share script run or fetched, the post's frame without an address and hidden. */
    void nothingSocial() {
        assertThat(js("return window.demoShareRan === true")).as("the share button's script did not run").isEqualTo(false);
        assertThat(fetched()).as("neither the share script nor the post was fetched").noneMatch(u -> u.contains("/demo/site/share.js"))
                .noneMatch(u -> u.contains("/demo/site/post"));
        WebElement post = browser.findElement(By.id("demo-post"));
        assertThat(post.getAttribute("src")).as("the embedded post has no address").isNullOrEmpty();
        assertThat(post.isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("share-button")).isDisplayed()).isFalse();
    }

    UUID consentId() {
        Cookie cookie = waiting().until(d -> d.manage().getCookieNamed("charte_consent"));
        return UUID.fromString(cookie.getValue().split("\\.")[0]);
    }

    List<ConsentBrowserTests.Proof> proofs(UUID consentId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<ConsentBrowserTests.Proof> proofs = new ArrayList<>();
            jdbc.sql("SELECT method, choices FROM consent_record WHERE consent_id = ? ORDER BY recorded_at, id").param(consentId)
                    .query((rs, n) -> Map.entry(rs.getString("method"), rs.getString("choices"))).list()
                    .forEach(row -> proofs.add(new ConsentBrowserTests.Proof(row.getKey(), ConsentBrowserTests.choices(row.getValue()))));
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

    @Test
    @DisplayName("R7.2 R9.11 L3 before consent no social script or frame loads and a French placeholder names the network and what it would receive; "
            + "loading it shows the content only then and proves the consent; withdrawing unloads it")
    void loadThenWithdrawInFrench() {
        browser.get(url("/demo/site"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cc")));
        waiting().until(d -> placeholders().size() == 2);
        nothingSocial();
        WebElement post = placeholderOf("X (Twitter)");
        assertThat(post.getAttribute("lang")).isEqualTo("fr");
        assertThat(post.getText()).contains("X (Twitter) fournit ce contenu").contains("transmet à X (Twitter) votre adresse IP").contains("l'adresse de cette page")
                .contains("hors de l'UE");
        WebElement load = post.findElement(By.cssSelector("button.cc-pl"));
        assertThat(load.getText()).isEqualTo("Charger le contenu de X (Twitter) (j'accepte « Partage sur les réseaux sociaux »)");
        assertThat(browser.findElement(By.id(load.getAttribute("aria-describedby"))).getText()).startsWith("X (Twitter) fournit ce contenu");
        assertThat(post.findElement(By.cssSelector("button.cc-ps")).getText()).isEqualTo("Gérer mes cookies");
        assertThat(placeholderOf("Facebook (Meta)").getText()).contains("Charger le contenu de Facebook (Meta)");
        assertThat(browser.manage().getCookies()).as("no cookie before a choice").isEmpty();

        load.click();
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("cc"), 0));
        waiting().until(d -> placeholders().isEmpty());
        WebElement frame = browser.findElement(By.id("demo-post"));
        assertThat(frame.getAttribute("src")).contains("/demo/site/post");
        assertThat(frame.isDisplayed()).isTrue();
        waiting().until(d -> Boolean.TRUE.equals(js("return window.demoShareRan === true")));
        assertThat(browser.findElement(By.id("share-button")).isDisplayed()).as("the share button appears").isTrue();
        browser.switchTo().frame(frame);
        assertThat(waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("post-content"))).getText()).contains("@GestanCloud");
        browser.switchTo().defaultContent();
        UUID consentId = consentId();
        assertThat(proofs(consentId, 1)).as("loading consents to social sharing alone, proved as such")
                .containsExactly(new ConsentBrowserTests.Proof("inline", Map.of("audience", false, "social-sharing", true)));
        assertThat(js("return window.demoAudienceRan === true")).as("the audience tag was not consented to").isEqualTo(false);

        browser.navigate().refresh();
        waiting().until(d -> Boolean.TRUE.equals(js("return window.demoShareRan === true")));
        assertThat(placeholders()).as("the consent stands on the next page").isEmpty();

        browser.findElement(By.id("manage-link")).click();
        WebElement sharing = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-purpose-switch=social-sharing]")));
        assertThat(sharing.isSelected()).isTrue();
        sharing.click();
        browser.findElement(By.id("cc-save")).click();
        waiting().until(d -> placeholders().size() == 2);
        nothingSocial();
        assertThat(proofs(consentId, 2).get(1)).isEqualTo(new ConsentBrowserTests.Proof("settings", Map.of("audience", false, "social-sharing", false)));
    }

    @Test
    @DisplayName("R7.2 R9.11 in English the placeholder names the network and what it would receive, and its settings button opens the choices, "
            + "where refusing keeps every social script and frame unloaded")
    void placeholderInEnglishOpensTheSettings() {
        browser.get(url("/demo/site?lang=en"));
        waiting().until(d -> placeholders().size() == 2);
        nothingSocial();
        WebElement post = placeholderOf("X (Twitter)");
        assertThat(post.getAttribute("lang")).isEqualTo("en");
        assertThat(post.getText()).contains("X (Twitter) provides this content").contains("sends X (Twitter) your IP address").contains("outside the EU");
        assertThat(post.findElement(By.cssSelector("button.cc-pl")).getText())
                .isEqualTo("Load the content from X (Twitter) (I accept \"Social network sharing\")");
        press(Keys.ESCAPE);
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("cc"), 0));
        UUID consentId = consentId();
        placeholderOf("Facebook (Meta)").findElement(By.cssSelector("button.cc-ps")).click();
        WebElement sharing = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-purpose-switch=social-sharing]")));
        assertThat(sharing.isSelected()).as("the refusal Escape made stands").isFalse();
        browser.findElement(By.id("cc-refuse")).click();
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("cc"), 0));
        assertThat(placeholders()).hasSize(2);
        nothingSocial();
        assertThat(proofs(consentId, 2)).extracting(ConsentBrowserTests.Proof::method).containsExactly("banner", "settings");
    }

    void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    @Test
    @DisplayName("R9.11 Charte's own pages (home, privacy centre, policy) carry consent.js and the permanent settings link but, setting only essential cookies, "
            + "show no banner and record nothing; the link says so, in French and in English")
    void charteOwnPages() {
        for (String path : List.of("/", "/politique-de-confidentialite", "/mes-droits")) {
            browser.get(url(path));
            WebElement link = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("cookie-settings")));
            waiting().until(d -> "1".equals(link.getAttribute("data-cc")));
            assertThat(link.getText()).as(path).isEqualTo("Gérer mes cookies");
            assertThat(browser.findElements(By.id("cc"))).as("no banner on " + path).isEmpty();
            assertThat(browser.findElements(By.id("cc-m"))).as("the page's own link, no floating button").isEmpty();
            assertThat(browser.manage().getCookieNamed("charte_consent")).as("no choice cookie on " + path).isNull();
        }
        browser.findElement(By.id("cookie-settings")).click();
        WebElement dialog = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cc")));
        assertThat(dialog.getText()).contains("ne déposent que des cookies nécessaires").contains("aucun consentement n'y est demandé");
        assertThat(dialog.findElements(By.cssSelector("[data-purpose-switch]"))).as("nothing to consent to here").isEmpty();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the focus moves into the dialog").isEqualTo("cc");
        press(Keys.TAB);
        press(Keys.TAB);
        press(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("Tab stays in the dialog: link, Close, back to the link")
                .isNotEqualTo("cookie-settings");
        assertThat(dialog.findElements(By.cssSelector("a[href], button"))).contains(browser.switchTo().activeElement());
        press(Keys.ESCAPE);
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("cc"), 0));

        browser.get(url("/en/privacy-policy"));
        WebElement link = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("cookie-settings")));
        waiting().until(d -> "1".equals(link.getAttribute("data-cc")));
        assertThat(link.getText()).isEqualTo("Cookie settings");
        link.click();
        WebElement en = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cc")));
        assertThat(en.getText()).contains("These pages set only necessary cookies").contains("no consent is asked here");
        browser.findElement(By.id("cc-done")).click();
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("cc"), 0));
        assertThat(browser.manage().getCookieNamed("charte_consent")).isNull();
    }
}
