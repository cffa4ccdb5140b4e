package org.charte.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.MailServer;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A person walks through an access request in a real browser: Debian's headless Chromium driven
 * by its chromedriver (never a driver downloaded by Selenium Manager).
 */
@Tag("browser")
class PrivacyCentreBrowserTests extends RightsTestBase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Autowired
    Subjects subjects;

    WebDriver browser;
    Path downloads;

    @BeforeEach
    void openBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (./charte test installs them when run as root)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        downloads = Files.createTempDirectory("charte-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (downloads != null) {
            try (Stream<Path> files = Files.walk(downloads)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @DisplayName("R9.1 R9.6 R8.5 R9.8 in a browser: an access request on the privacy centre, the e-mailed code, the answer downloaded once through its link, a second use refused")
    void accessRequestInABrowser() throws IOException {
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", "NAVIGATEUR", "Claude", LocalDate.of(1975, 2, 3)),
                new Contacts(List.of(), List.of(email), List.of()), null), LocalDate.now(clock));
        String base = "http://localhost:" + port;

        browser.get(base + "/mes-droits");
        assertThat(browser.getPageSource()).contains("CNIL", "ICS-Informatique SARL");
        browser.findElement(By.cssSelector("#right-access a")).click();
        browser.findElement(By.id("name")).sendKeys("Claude Navigateur");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("send")).click();
        assertThat(browser.getCurrentUrl()).contains("/mes-droits/verification/");

        String code = MailServer.find(MailServer.latest(email, "code"), "(\\d{6})");
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.id("check")).click();
        assertThat(browser.findElement(By.id("verified")).getText()).contains("R-");

        String answer = MailServer.latest(email, "Réponse");
        String link = MailServer.find(answer, "(http://\\S+/telechargement/[A-Za-z0-9_-]{43})");
        browser.get(link);
        browser.findElement(By.id("get")).click();
        Path report = new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> downloaded("-access.html").orElse(null));
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains("NAVIGATEUR", "Claude", email, "CNIL", "ICS-Informatique SARL");

        browser.get(link);
        assertThat(browser.findElement(By.id("refused")).getText()).contains("déjà servi");
        assertThat(browser.getPageSource()).doesNotContain("NAVIGATEUR");
    }

    private Optional<Path> downloaded(String suffix) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
