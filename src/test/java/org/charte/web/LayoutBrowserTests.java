package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.charte.access.Commitments;
import org.charte.access.StaffDirectory;
import org.charte.testing.Browser;
import org.charte.testing.Http;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
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

/**
 * The layout in a real browser (L10), on a phone's width (390 px) and a desk's (1280 px): Debian's
 * headless Chromium driven by its chromedriver. The header holds on one line with a menu button on
 * the phone; the retention chart's labels and numbers never overlap nor leave the screen (R5.6); the
 * language link keeps what was typed into a form.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LayoutBrowserTests extends RightsTestBase {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Pairs of text boxes that overlap, labels or numbers that leave the screen, for every chart of the page. */
    static final String CHART_PROBLEMS = """
            const problems = [];
            const width = document.documentElement.clientWidth;
            const boxes = [];
            document.querySelectorAll('figure.chart .chart-label, figure.chart text, figure.chart .chart-legend li').forEach(e => {
              const r = e.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) { return; }
              const name = (e.closest('[data-rule]') ? e.closest('[data-rule]').dataset.rule + ' ' : '') + e.textContent.trim().slice(0, 30);
              if (r.left < -0.5 || r.right > width + 0.5) { problems.push('cut: ' + name + ' ' + r.left + '..' + r.right + ' of ' + width); }
              boxes.push([name, r]);
            });
            for (let i = 0; i < boxes.length; i++) {
              for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i][1], b = boxes[j][1];
                const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                if (x > 1 && y > 1) { problems.push('overlap: ' + boxes[i][0] + ' / ' + boxes[j][0]); }
              }
            }
            document.querySelectorAll('figure svg, td.bar svg').forEach(s => {
              const r = s.getBoundingClientRect();
              if (r.right > width + 0.5) { problems.push('svg past the screen: ' + r.right + ' of ' + width); }
            });
            return problems;
            """;

    /** The contrast ratio (WCAG 2) of an element's top border against white. */
    static final String CONTRAST = """
            const c = getComputedStyle(arguments[0]).borderTopColor.match(/[0-9.]+/g).slice(0, 3).map(Number);
            const l = c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
            const lum = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
            return 1.05 / (lum + 0.05);
            """;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Commitments commitments;

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
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR", "--window-size=1280,900");
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

    /** The viewport of a phone (390) or a desk (1280), whatever the window. */
    void width(int width) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", width < 600 ? 844 : 900,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    void open(String path) {
        browser.get(url(path));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "complete".equals(js("return document.readyState")));
    }

    double top(WebElement element) {
        return ((Number) js("return arguments[0].getBoundingClientRect().top", element)).doubleValue();
    }

    double bottom(WebElement element) {
        return ((Number) js("return arguments[0].getBoundingClientRect().bottom", element)).doubleValue();
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {390, 1280})
    @DisplayName("L10 R9.8 the header holds on one line; on a phone its links open from a menu button, by mouse or keyboard, and close with Escape")
    void headerOnOneLine(int px) {
        width(px);
        open("/mes-droits");
        assertThat(((Number) js("return window.innerWidth")).intValue()).isEqualTo(px);
        WebElement header = browser.findElement(By.cssSelector("header.site"));
        WebElement brand = header.findElement(By.cssSelector(".brand"));
        WebElement button = header.findElement(By.cssSelector("button.menu-toggle"));
        WebElement centre = header.findElement(By.cssSelector("a.privacy-centre"));
        assertThat(brand.getText()).isEqualTo("Gestan Cloud");
        double line = bottom(brand) - top(brand);
        assertThat(bottom(header) - top(header)).as("one line: the header is no taller than its brand and padding").isLessThan(line + 40);
        if (px < 600) {
            assertThat(button.isDisplayed()).isTrue();
            assertThat(Math.abs(top(button) - top(brand))).as("the button beside the brand").isLessThan(line);
            assertThat(centre.isDisplayed()).as("links behind the button").isFalse();
            button.click();
            assertThat(button.getAttribute("aria-expanded")).isEqualTo("true");
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOf(centre));
            assertThat(top(centre)).as("the menu opens below the header").isGreaterThanOrEqualTo(bottom(header) - 1);
            button.sendKeys(Keys.ESCAPE);
            assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
            assertThat(centre.isDisplayed()).isFalse();
            // From the keyboard: from the brand, Tab reaches the button, Enter opens, the links follow it in the tab order.
            js("arguments[0].focus()", brand);
            new Actions(browser).sendKeys(Keys.TAB).perform();
            assertThat(js("return document.activeElement.className")).as("Tab reaches the menu button").isEqualTo("menu-toggle");
            new Actions(browser).sendKeys(Keys.ENTER).perform();
            assertThat(button.getAttribute("aria-expanded")).isEqualTo("true");
            assertThat(centre.isDisplayed()).isTrue();
            new Actions(browser).sendKeys(Keys.TAB, Keys.TAB).perform();
            assertThat(js("return document.activeElement.className")).as("the second link of the menu").isEqualTo("privacy-centre");
        } else {
            assertThat(button.isDisplayed()).as("no menu button on a desk").isFalse();
            for (WebElement link : header.findElements(By.cssSelector("nav a"))) {
                assertThat(link.isDisplayed()).isTrue();
                assertThat(Math.abs(top(link) - top(brand))).as(link.getText() + " on the brand's line").isLessThan(line);
            }
        }
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {390, 1280})
    @DisplayName("L10 R9.8 without script the header still holds on one line; on a phone a link opens the menu below it and another closes it")
    void headerWithoutScript(int px) {
        browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        width(px);
        open("/mes-droits");
        assertThat(js("return document.documentElement.classList.contains('js')")).as("the page's script did not run").isEqualTo(false);
        WebElement header = browser.findElement(By.cssSelector("header.site"));
        WebElement brand = header.findElement(By.cssSelector(".brand"));
        WebElement centre = header.findElement(By.cssSelector("nav a.privacy-centre"));
        WebElement opener = header.findElement(By.cssSelector("a.menu-link"));
        WebElement closer = header.findElement(By.cssSelector("a.menu-close"));
        double line = bottom(brand) - top(brand);
        assertThat(bottom(header) - top(header)).as("one line").isLessThan(line + 40);
        assertThat(header.findElement(By.cssSelector("button.menu-toggle")).isDisplayed()).as("the button needs the script").isFalse();
        if (px < 600) {
            assertThat(centre.isDisplayed()).as("links behind the menu link").isFalse();
            assertThat(opener.isDisplayed()).isTrue();
            assertThat(Math.abs(top(opener) - top(brand))).as("the menu link beside the brand").isLessThan(line);
            opener.click();
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOf(centre));
            assertThat(top(centre)).as("the menu opens below the header").isGreaterThanOrEqualTo(bottom(header) - 1);
            assertThat(opener.isDisplayed()).isFalse();
            assertThat(closer.isDisplayed()).isTrue();
            assertThat(bottom(header) - top(header)).as("still one line, menu open").isLessThan(line + 40);
            closer.click();
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOf(centre));
            assertThat(opener.isDisplayed()).isTrue();
        } else {
            assertThat(opener.isDisplayed()).isFalse();
            assertThat(closer.isDisplayed()).isFalse();
            for (WebElement link : header.findElements(By.cssSelector("nav a"))) {
                assertThat(Math.abs(top(link) - top(brand))).as(link.getText() + " on the brand's line").isLessThan(line);
            }
        }
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {390, 1280})
    @DisplayName("R5.6 L10 the retention chart names every rule above its bars: no label, number or legend overlaps another or leaves the screen")
    void retentionChartReadable(int px) {
        Staff dpo = Staff.signedIn(directory, port, "dpo");
        commitments.sign(dpo.id());
        width(px);
        open("/backoffice/connexion");
        browser.findElement(By.id("username")).sendKeys(dpo.member().login());
        browser.findElement(By.id("password")).sendKeys(dpo.password(), Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("code")))
                .sendKeys(Http.nextCode(dpo.secret()), Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav.staff-bar")));

        open("/backoffice/conservation");
        List<WebElement> rules = browser.findElements(By.cssSelector("figure.chart li.rule"));
        assertThat(rules).hasSizeGreaterThan(5);
        for (WebElement rule : rules) {
            assertThat(rule.findElement(By.cssSelector(".chart-label")).getText()).as("a name, not an id").isNotEqualTo(rule.getAttribute("data-rule"));
        }
        assertThat(js(CHART_PROBLEMS)).asList().isEmpty();
        // The other charts: the cookie choices' bars and the audience's days stay within the screen.
        open("/backoffice/cookies/statistiques");
        assertThat(js(CHART_PROBLEMS)).asList().isEmpty();
        open("/backoffice/cookies/frequentation");
        assertThat(js(CHART_PROBLEMS)).asList().isEmpty();
    }

    @ParameterizedTest(name = "at {0} px")
    @ValueSource(ints = {390, 1280})
    @DisplayName("L10 R9.8 switching language on the privacy centre's form keeps the right chosen and what was typed")
    void languageSwitchKeepsTheForm(int px) {
        width(px);
        open("/mes-droits/demande?type=access");
        browser.findElement(By.id("name")).sendKeys("Camille Langue");
        browser.findElement(By.id("email")).sendKeys("camille@example.org");
        WebElement button = browser.findElement(By.cssSelector("button.menu-toggle"));
        if (button.isDisplayed()) {
            button.click();
        }
        WebElement html = browser.findElement(By.tagName("html"));
        browser.findElement(By.cssSelector("header.site a.lang")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(Browser.gone(html));
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> "complete".equals(js("return document.readyState")));
        assertThat(browser.getCurrentUrl()).endsWith("/en/my-rights/request?type=access");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> "Camille Langue".equals(d.findElement(By.id("name")).getDomProperty("value")));
        assertThat(browser.findElement(By.id("email")).getDomProperty("value")).isEqualTo("camille@example.org");
        // The form's layout: each label above its field, the field full width on a phone, its border at 3:1 at least
        // against the page, the primary button filled and the secondary (the menu's) outlined.
        WebElement label = browser.findElement(By.cssSelector("label[for=name]"));
        WebElement name = browser.findElement(By.id("name"));
        assertThat(bottom(label)).as("the label above its field").isLessThanOrEqualTo(top(name) + 1);
        if (px < 600) {
            double main = ((Number) js("const m = getComputedStyle(document.querySelector('main')); return document.querySelector('main').clientWidth"
                    + " - parseFloat(m.paddingLeft) - parseFloat(m.paddingRight)")).doubleValue();
            assertThat(name.getRect().getWidth()).as("full width on a phone").isGreaterThanOrEqualTo((int) main - 2);
        }
        assertThat(((Number) js(CONTRAST, name)).doubleValue()).as("the field's border against white").isGreaterThanOrEqualTo(3.0);
        assertThat(js("return getComputedStyle(arguments[0]).backgroundColor", browser.findElement(By.id("send"))))
                .as("primary and secondary buttons look different")
                .isNotEqualTo(js("return getComputedStyle(arguments[0]).backgroundColor", browser.findElement(By.cssSelector("button.menu-toggle"))));
        // Read once: the next visit starts empty.
        open("/en/my-rights/request?type=access");
        assertThat(browser.findElement(By.id("name")).getDomProperty("value")).isEmpty();
    }
}
