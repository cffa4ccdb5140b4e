package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * consent.js's audience beacon in a real browser (Debian's headless Chromium, its network seen
 * through the DevTools performance log), in the style of {@link ConsentBrowserTests} (R3.4, L8): before
 * consent the beacon carries no consented field and no cookie, even when the choice cookie is there;
 * once audience measurement is accepted it carries the consent id and the server keeps consented data.
 */
@Tag("browser")
@Tag("both-databases") // #13 asks these scenarios on H2 and PostgreSQL: the PostgreSQL phase runs them too (pom.xml)
class BeaconBrowserTests extends RightsTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired JdbcClient jdbc;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(ConsentBrowserTests.CHROMIUM) && Files.isExecutable(ConsentBrowserTests.CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (./charte test installs them when run as root)");
        System.setProperty("webdriver.chrome.driver", ConsentBrowserTests.CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ConsentBrowserTests.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(ConsentBrowserTests.CHROMEDRIVER.toFile())
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

    /** A beacon request as the browser sent it: its body and whether a Cookie header went with it. */
    record Sent(String body, boolean cookie) {}

    /** The beacon requests sent since the last call, once at least {@code count} are seen. */
    List<Sent> beacons(int count) {
        List<Sent> sent = new ArrayList<>();
        Map<String, String> bodies = new HashMap<>();
        Map<String, Boolean> cookies = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asString();
                JsonNode params = message.path("params");
                String id = params.path("requestId").asString();
                if (method.equals("Network.requestWillBeSent") && params.path("request").path("url").asString().endsWith("/consent/v1/beacon/script")) {
                    bodies.put(id, params.path("request").path("postData").asString());
                    cookies.putIfAbsent(id, params.path("request").path("headers").has("Cookie"));
                } else if (method.equals("Network.requestWillBeSentExtraInfo")) {
                    boolean cookie = params.path("headers").has("Cookie") || params.path("headers").has("cookie")
                            || params.path("associatedCookies").findValues("blockedReasons").stream().anyMatch(r -> r.isEmpty());
                    cookies.merge(id, cookie, Boolean::logicalOr);
                }
            }
            if (bodies.size() >= count || System.nanoTime() > deadline) {
                bodies.forEach((id, body) -> sent.add(new Sent(body, cookies.getOrDefault(id, false))));
                assertThat(sent).as("beacons sent").hasSizeGreaterThanOrEqualTo(count);
                return sent;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The consented events under this id, waited for (the first page view builds Yauaa's analyzer: seconds on a loaded machine). */
    long consented(UUID consentId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long n;
        do {
            n = jdbc.sql("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?").param(consentId).query(Long.class).single();
        } while (n == 0 && System.nanoTime() < deadline && pause());
        return n;
    }

    static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    @DisplayName("R3.4 L8 before consent the beacon is exempt: no consent id, no cookie (even with the choice cookie set after a refusal); after accepting audience measurement it carries the consent id and consented data is kept under it")
    void noConsentedFieldsBeforeConsent() {
        String site = "http://127.0.0.1:" + port + "/demo/site";
        browser.get(site);
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(10));
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("cc")));
        List<Sent> first = beacons(1);
        assertThat(first).allSatisfy(s -> {
            assertThat(s.body()).contains("\"page\":\"/demo/site\"").doesNotContain("consentId");
            assertThat(s.cookie()).as("no cookie with the exempt beacon").isFalse();
        });
        assertThat(browser.manage().getCookies()).as("the beacon sets no cookie").isEmpty();

        browser.findElement(By.id("cc-refuse")).click();
        waiting.until(d -> d.manage().getCookieNamed("charte_consent"));
        browser.navigate().refresh();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("manage-link")));
        List<Sent> refused = beacons(1);
        assertThat(refused).allSatisfy(s -> {
            assertThat(s.body()).doesNotContain("consentId");
            assertThat(s.cookie()).as("the choice cookie is there, yet not sent with the beacon").isFalse();
        });

        browser.findElement(By.id("manage-link")).click();
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("cc")));
        browser.findElement(By.cssSelector("[data-purpose-switch=audience]")).click();
        browser.findElement(By.id("cc-save")).click();
        waiting.until(ExpectedConditions.numberOfElementsToBe(By.id("cc"), 0));
        Cookie choice = browser.manage().getCookieNamed("charte_consent");
        UUID consentId = UUID.fromString(choice.getValue().split("\\.")[0]);
        waiting.until(d -> jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE consent_id = ?").param(consentId).query(Long.class).single() >= 2);
        browser.navigate().refresh();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("manage-link")));
        List<Sent> accepted = beacons(1);
        assertThat(accepted).anySatisfy(s -> assertThat(s.body()).contains("\"consentId\":\"" + consentId + "\""));
        assertThat(accepted).allSatisfy(s -> assertThat(s.cookie()).as("never a cookie: the id is in the body").isFalse());
        assertThat(consented(consentId)).as("consented data kept under the consent id").isGreaterThanOrEqualTo(1);
    }
}
