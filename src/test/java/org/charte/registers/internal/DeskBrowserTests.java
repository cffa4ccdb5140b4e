package org.charte.registers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.subjects.Subjects;
import org.charte.testing.Browser;
import org.charte.testing.Http;
import org.charte.testing.Json;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The DPO's desk in a real browser (Debian's headless Chromium): the DPO signs in, goes from the
 * dashboard to the desk, sees an overdue request in red and follows its link to the request.
 */
@Tag("browser")
class DeskBrowserTests extends RightsTestBase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;

    WebDriver browser;

    @BeforeEach
    void openBrowser() {
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

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void submit(String fieldId, String text) {
        WebElement before = browser.findElement(By.tagName("html"));
        browser.findElement(By.id(fieldId)).sendKeys(text, Keys.ENTER);
        waitForNewPage(before);
    }

    void waitForNewPage(WebElement before) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(Browser.gone(before));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    @Test
    @DisplayName("R9.7 the DPO reaches the desk from the dashboard in a browser; an overdue request shows in red and its link opens the request")
    void desk() {
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        Staff dpo = world.dpo();
        commitments.sign(dpo.id());
        HttpResponse<String> recorded = dpo.http().json("POST", "/api/v1/rights-requests", Json.write(Map.of("type", "erasure", "channel", "post",
                "receivedOn", world.today().minusDays(40).toString(), "name", "Claude Navigateur", "postalAddress", "2 rue Monge, 21000 Dijon")));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        String reference = Json.of(recorded).path("reference").asString();
        String id = Json.of(recorded).path("id").asString();

        browser.get(url("/backoffice/connexion"));
        browser.findElement(By.id("username")).sendKeys(dpo.member().login());
        submit("password", dpo.password());
        submit("code", Http.nextCode(dpo.secret()));
        browser.get(url("/backoffice"));

        WebElement before = browser.findElement(By.tagName("html"));
        browser.findElement(By.id("desk-link")).click();
        waitForNewPage(before);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bureau du DPO");
        WebElement item = browser.findElements(By.cssSelector("section[data-section=rights-requests] li.overdue")).stream()
                .filter(li -> li.getText().contains(reference)).findFirst().orElseThrow();
        assertThat(item.getCssValue("color")).as("overdue in red").isIn("rgba(163, 34, 31, 1)", "rgb(163, 34, 31)");
        assertThat(item.getText()).contains("En retard").contains("effacement");

        before = browser.findElement(By.tagName("html"));
        item.findElement(By.tagName("a")).click();
        waitForNewPage(before);
        assertThat(browser.getCurrentUrl()).endsWith("/backoffice/droits/" + id);
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(reference);
    }
}
